package io.reescreen.model.units;

/**
 * Rare-earth content conversions between the three units in play:
 * <ul>
 *   <li>element ppm (mg of element per kg of ash): what ICP-MS labs report;</li>
 *   <li>oxide ppm by mass (mg of the paper's oxide form per kg of ash);</li>
 *   <li>oxide ppm by mole ("ppm mol", the paper's target unit): mol of REE oxide per 10⁶ mol of the ash's major
 *       oxides.</li>
 * </ul>
 * The ppm-mol definition is the one in shared/data PROVENANCE.md "Derived estimates": with w the oxide's mass
 * fraction, M its molar mass and M̄ the mean molar mass of the ten-oxide mixture ({@link
 * OxideMolPct#meanMolarMassGPerMol()}), mol REO per g ash is w/M and mol of ash oxides per g is 1/M̄, so
 * ppm_mol = ppm_mass · M̄ / M. The authors never documented the definition; it reproduces their estimated files.
 */
public final class ReeUnits {

    private ReeUnits() {
    }

    public static double oxidePpmMassFromElementPpm(ReeOxide oxide, double elementPpm) {
        return elementPpm * oxide.oxidePerElementMassRatio();
    }

    public static double elementPpmFromOxidePpmMass(ReeOxide oxide, double oxidePpmMass) {
        return oxidePpmMass / oxide.oxidePerElementMassRatio();
    }

    public static double oxidePpmMolFromOxidePpmMass(ReeOxide oxide, double oxidePpmMass,
                                                     double ashMeanMolarMassGPerMol) {
        return oxidePpmMass * requirePositive(ashMeanMolarMassGPerMol) / oxide.molarMassGPerMol();
    }

    public static double oxidePpmMassFromOxidePpmMol(ReeOxide oxide, double oxidePpmMol,
                                                     double ashMeanMolarMassGPerMol) {
        return oxidePpmMol * oxide.molarMassGPerMol() / requirePositive(ashMeanMolarMassGPerMol);
    }

    /** Element ppm (mass) → oxide ppm mol in an ash of composition {@code ash}. */
    public static double oxidePpmMolFromElementPpm(ReeOxide oxide, double elementPpm, OxideMolPct ash) {
        return oxidePpmMolFromOxidePpmMass(oxide, oxidePpmMassFromElementPpm(oxide, elementPpm),
                ash.meanMolarMassGPerMol());
    }

    /** Oxide ppm mol → element ppm (mass) in an ash of composition {@code ash}. */
    public static double elementPpmFromOxidePpmMol(ReeOxide oxide, double oxidePpmMol, OxideMolPct ash) {
        return elementPpmFromOxidePpmMass(oxide, oxidePpmMassFromOxidePpmMol(oxide, oxidePpmMol,
                ash.meanMolarMassGPerMol()));
    }

    private static double requirePositive(double gPerMol) {
        if (!(gPerMol > 0) || !Double.isFinite(gPerMol)) {
            throw new IllegalArgumentException("mean molar mass must be a positive g/mol, got " + gPerMol);
        }
        return gPerMol;
    }
}
