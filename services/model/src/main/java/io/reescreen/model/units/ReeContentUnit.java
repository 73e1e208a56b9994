package io.reescreen.model.units;

/** The units a lab reports a rare earth in, each turned into the paper's oxide ppm mol by {@link ReeUnits}. */
public enum ReeContentUnit {

    /** mg of the element per kg, what ICP-MS reports. */
    ELEMENT_PPM_MASS,
    /** mg of the paper's oxide form per kg. */
    OXIDE_PPM_MASS,
    /** The paper's unit itself. */
    OXIDE_PPM_MOL;

    /** {@code value} of {@code oxide} (or its element) in this unit, as oxide ppm mol in an ash of composition {@code ash}. */
    public double toOxidePpmMol(ReeOxide oxide, double value, OxideMolPct ash) {
        return switch (this) {
            case ELEMENT_PPM_MASS -> ReeUnits.oxidePpmMolFromElementPpm(oxide, value, ash);
            case OXIDE_PPM_MASS -> ReeUnits.oxidePpmMolFromOxidePpmMass(oxide, value, ash.meanMolarMassGPerMol());
            case OXIDE_PPM_MOL -> value;
        };
    }
}
