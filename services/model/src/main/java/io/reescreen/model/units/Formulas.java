package io.reescreen.model.units;

/** Writes oxide formulas from stoichiometry, so enum constants cannot disagree with their own header names. */
final class Formulas {

    private Formulas() {
    }

    static String of(Element cation, int cations, int oxygens) {
        return cation.symbol() + (cations == 1 ? "" : Integer.toString(cations))
                + "O" + (oxygens == 1 ? "" : Integer.toString(oxygens));
    }
}
