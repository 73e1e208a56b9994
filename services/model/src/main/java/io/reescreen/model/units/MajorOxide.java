package io.reescreen.model.units;

import java.util.List;

/**
 * The ten major oxides of the paper's input representation, in the column order of the paper's tables
 * (SiO2 Al2O3 CaO Fe2O3 MgO Na2O K2O TiO2 P2O5 MnO). Iron is expressed as Fe2O3 and manganese as MnO, as XRF
 * and the paper report them.
 */
public enum MajorOxide implements Oxide {
    SIO2(Element.SI, 1, 2),
    AL2O3(Element.AL, 2, 3),
    CAO(Element.CA, 1, 1),
    FE2O3(Element.FE, 2, 3),
    MGO(Element.MG, 1, 1),
    NA2O(Element.NA, 2, 1),
    K2O(Element.K, 2, 1),
    TIO2(Element.TI, 1, 2),
    P2O5(Element.P, 2, 5),
    MNO(Element.MN, 1, 1);

    /** All ten, in the paper's column order (a fresh unmodifiable list). */
    public static final List<MajorOxide> PAPER_ORDER = List.of(values());

    public static final int COUNT = 10;

    private final Element cation;
    private final int cationsPerFormula;
    private final int oxygensPerFormula;
    private final String formula;

    MajorOxide(Element cation, int cationsPerFormula, int oxygensPerFormula) {
        this.cation = cation;
        this.cationsPerFormula = cationsPerFormula;
        this.oxygensPerFormula = oxygensPerFormula;
        this.formula = Formulas.of(cation, cationsPerFormula, oxygensPerFormula);
    }

    @Override
    public Element cation() {
        return cation;
    }

    @Override
    public int cationsPerFormula() {
        return cationsPerFormula;
    }

    @Override
    public int oxygensPerFormula() {
        return oxygensPerFormula;
    }

    @Override
    public String formula() {
        return formula;
    }

    /** Looks an oxide up by its formula as written in data headers, e.g. {@code "Fe2O3"}. */
    public static MajorOxide fromFormula(String formula) {
        for (MajorOxide o : values()) {
            if (o.formula.equals(formula)) {
                return o;
            }
        }
        throw new IllegalArgumentException("'" + formula + "' is not one of the ten major oxides " + PAPER_ORDER);
    }

    @Override
    public String toString() {
        return formula;
    }
}
