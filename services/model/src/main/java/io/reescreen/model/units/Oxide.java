package io.reescreen.model.units;

/**
 * An oxide of one cation: {@code cationsPerFormula} atoms of {@link #cation()} and {@code oxygensPerFormula}
 * oxygen atoms per formula unit. The stoichiometry is what turns atomic weights into oxide molar masses, so no
 * per-compound mass is ever typed in.
 */
public sealed interface Oxide permits MajorOxide, ReeOxide {

    Element cation();

    int cationsPerFormula();

    int oxygensPerFormula();

    /** The formula as the paper's column headers write it, e.g. {@code "Al2O3"}, {@code "EuO"}. */
    String formula();

    default double molarMassGPerMol() {
        return MolarMasses.oxideGPerMol(this);
    }

    /** Grams of oxide per gram of its element: multiply an element mass content by this to get the oxide's. */
    default double oxidePerElementMassRatio() {
        return MolarMasses.oxidePerElementMassRatio(this);
    }
}
