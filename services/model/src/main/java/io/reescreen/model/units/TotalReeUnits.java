package io.reescreen.model.units;

/**
 * A total of the 16 rare earths between element mg/kg (e.g. the US DOE's 300 ppm threshold) and oxide ppm mol (the
 * paper's unit). Unlike one oxide's, the factor for a total depends on the REE pattern as well as on the ash.
 */
public final class TotalReeUnits {

    private TotalReeUnits() {
    }

    /**
     * Oxide ppm mol of the total per element ppm of the total, for a REE pattern and an ash.
     *
     * @param patternPpmMol the 16 oxides in ppm mol, {@link ReeOxide#PAPER_ORDER}; negative values (a model's
     *                      estimate can dip below zero) count as zero
     * @throws IllegalStateException when the pattern has no rare earth left to weigh the total by
     */
    public static double oxidePpmMolPerElementPpm(double[] patternPpmMol, OxideMolPct ash) {
        if (patternPpmMol.length != ReeOxide.COUNT) {
            throw new IllegalArgumentException("expected " + ReeOxide.COUNT + " REE oxides, got " + patternPpmMol.length);
        }
        double ppmMol = 0;
        double elementPpm = 0;
        for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
            double m = Math.max(0, patternPpmMol[oxide.ordinal()]);
            ppmMol += m;
            elementPpm += ReeUnits.elementPpmFromOxidePpmMol(oxide, m, ash);
        }
        if (!(elementPpm > 0)) {
            throw new IllegalStateException("the predicted REE pattern is empty; cannot convert the threshold");
        }
        return ppmMol / elementPpm;
    }

    /** A total given in element ppm (mg/kg of the 16 elements) as oxide ppm mol, for a REE pattern and an ash. */
    public static double oxidePpmMolFromElementPpm(double totalElementPpm, double[] patternPpmMol, OxideMolPct ash) {
        return totalElementPpm * oxidePpmMolPerElementPpm(patternPpmMol, ash);
    }
}
