package io.reescreen.model.units;

/**
 * The unit an XRF or ICP analyte is reported in: oxide wt % (an oxide formula such as Al2O3) or element ppm, mg/kg
 * (an element symbol such as Al). Both are mass fractions; 1 wt % = 10 000 ppm.
 */
public enum AnalyteUnit {

    OXIDE_WT_PCT,
    ELEMENT_PPM;

    /** A major oxide's value in this unit (the oxide's, or its cation's content) as oxide wt %. */
    public double majorOxideWtPct(MajorOxide oxide, double value) {
        return this == ELEMENT_PPM ? MajorElementUnits.oxideWtPctFromElementPpm(oxide, value) : value;
    }

    /**
     * Any analyte's value in this unit as wt % of what was reported: an oxide as given, an element as the element
     * alone (its oxide form may be unknown).
     */
    public double wtPct(double value) {
        return value / (this == ELEMENT_PPM ? MajorElementUnits.PPM_PER_WT_PCT : 1.0);
    }
}
