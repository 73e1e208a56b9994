package io.reescreen.model.units;

/**
 * Element contents of the major-oxide cations ↔ oxide wt%. Analyzers and four-acid ICP report elements (Al in %,
 * P and Mn in ppm); the model needs oxides. ppm here is mg/kg (mass), 1 wt% = 10 000 ppm.
 */
public final class MajorElementUnits {

    /** The one ppm ↔ wt % factor; {@link AnalyteUnit} uses it for analytes that are not major cations. */
    static final double PPM_PER_WT_PCT = 1.0e4;

    private MajorElementUnits() {
    }

    /** Oxide wt% from the cation's content in ppm (mg/kg); e.g. Al 10 000 ppm → Al2O3 1.8894 wt%. */
    public static double oxideWtPctFromElementPpm(MajorOxide oxide, double elementPpm) {
        return elementPpm / PPM_PER_WT_PCT * oxide.oxidePerElementMassRatio();
    }

    /** Oxide wt% from the cation's content in wt%. */
    public static double oxideWtPctFromElementWtPct(MajorOxide oxide, double elementWtPct) {
        return elementWtPct * oxide.oxidePerElementMassRatio();
    }

    /** The cation's content in ppm (mg/kg) from the oxide wt%. */
    public static double elementPpmFromOxideWtPct(MajorOxide oxide, double oxideWtPct) {
        return oxideWtPct / oxide.oxidePerElementMassRatio() * PPM_PER_WT_PCT;
    }
}
