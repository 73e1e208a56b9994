package io.reescreen.model.units;

import java.util.List;

/**
 * The 16 rare-earth oxides that are the paper's targets, in the column order of the paper's tables. The paper
 * expresses cerium as CeO2 and europium as EuO (not Ce2O3/Eu2O3); every other REE as the sesquioxide. These are
 * the forms its "ppm mol" values count, so conversions must use exactly these formulas.
 */
public enum ReeOxide implements Oxide {
    CEO2(Element.CE, 1, 2),
    DY2O3(Element.DY, 2, 3),
    ER2O3(Element.ER, 2, 3),
    EUO(Element.EU, 1, 1),
    GD2O3(Element.GD, 2, 3),
    HO2O3(Element.HO, 2, 3),
    LA2O3(Element.LA, 2, 3),
    LU2O3(Element.LU, 2, 3),
    ND2O3(Element.ND, 2, 3),
    PR2O3(Element.PR, 2, 3),
    SC2O3(Element.SC, 2, 3),
    SM2O3(Element.SM, 2, 3),
    TB2O3(Element.TB, 2, 3),
    TM2O3(Element.TM, 2, 3),
    YB2O3(Element.YB, 2, 3),
    Y2O3(Element.Y, 2, 3);

    /** All 16, in the paper's column order. */
    public static final List<ReeOxide> PAPER_ORDER = List.of(values());

    public static final int COUNT = 16;

    private final Element element;
    private final int cationsPerFormula;
    private final int oxygensPerFormula;
    private final String formula;

    ReeOxide(Element element, int cationsPerFormula, int oxygensPerFormula) {
        this.element = element;
        this.cationsPerFormula = cationsPerFormula;
        this.oxygensPerFormula = oxygensPerFormula;
        this.formula = Formulas.of(element, cationsPerFormula, oxygensPerFormula);
    }

    /** The rare-earth element this oxide carries. */
    public Element element() {
        return element;
    }

    @Override
    public Element cation() {
        return element;
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

    public static ReeOxide fromFormula(String formula) {
        for (ReeOxide o : values()) {
            if (o.formula.equals(formula)) {
                return o;
            }
        }
        throw new IllegalArgumentException("'" + formula + "' is not one of the paper's 16 REE oxides " + PAPER_ORDER);
    }

    /** The paper's oxide form of a rare-earth element. */
    public static ReeOxide ofElement(Element element) {
        for (ReeOxide o : values()) {
            if (o.element == element) {
                return o;
            }
        }
        throw new IllegalArgumentException(element.symbol() + " is not one of the 16 rare-earth elements");
    }

    @Override
    public String toString() {
        return formula;
    }
}
