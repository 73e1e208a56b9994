package io.reescreen.model.units;

import java.util.EnumMap;
import java.util.Map;

/**
 * The one table of atomic weights in the project; every molar mass is computed from it and an oxide's
 * stoichiometry ({@link Oxide}), never typed in per compound.
 *
 * <p>Values: IUPAC/CIAAW standard atomic weights (g/mol). For elements whose standard weight is an interval
 * (O, Mg, Si) the CIAAW "conventional" value is used. The authors' own conversion of the paper's data is not
 * published; an older table (e.g. O = 15.9994) shifts oxide masses by ~1e-5 relative, which is far below the
 * 2–4 % precision of XRF.
 */
public final class MolarMasses {

    private static final Map<Element, Double> ATOMIC_WEIGHT_G_PER_MOL = new EnumMap<>(Element.class);

    static {
        put(Element.O, 15.999);
        put(Element.NA, 22.98976928);
        put(Element.MG, 24.305);
        put(Element.AL, 26.9815384);
        put(Element.SI, 28.085);
        put(Element.P, 30.973761998);
        put(Element.K, 39.0983);
        put(Element.CA, 40.078);
        put(Element.TI, 47.867);
        put(Element.MN, 54.938043);
        put(Element.FE, 55.845);
        put(Element.SC, 44.955907);
        put(Element.Y, 88.905838);
        put(Element.LA, 138.90547);
        put(Element.CE, 140.116);
        put(Element.PR, 140.90766);
        put(Element.ND, 144.242);
        put(Element.SM, 150.36);
        put(Element.EU, 151.964);
        put(Element.GD, 157.25);
        put(Element.TB, 158.925354);
        put(Element.DY, 162.500);
        put(Element.HO, 164.930329);
        put(Element.ER, 167.259);
        put(Element.TM, 168.934219);
        put(Element.YB, 173.045);
        put(Element.LU, 174.9668);
        if (ATOMIC_WEIGHT_G_PER_MOL.size() != Element.values().length) {
            throw new ExceptionInInitializerError("atomic weight table does not cover every Element");
        }
    }

    private MolarMasses() {
    }

    private static void put(Element element, double gPerMol) {
        ATOMIC_WEIGHT_G_PER_MOL.put(element, gPerMol);
    }

    /** Standard atomic weight of an element, g/mol. */
    public static double atomicWeightGPerMol(Element element) {
        return ATOMIC_WEIGHT_G_PER_MOL.get(element);
    }

    /** Molar mass of an oxide formula unit, g/mol: n·A(cation) + m·A(O). */
    public static double oxideGPerMol(Oxide oxide) {
        return oxide.cationsPerFormula() * atomicWeightGPerMol(oxide.cation())
                + oxide.oxygensPerFormula() * atomicWeightGPerMol(Element.O);
    }

    /** Grams of oxide per gram of its cation element, M(oxide) / (n·A(cation)); e.g. ≈1.8894 for Al → Al2O3. */
    public static double oxidePerElementMassRatio(Oxide oxide) {
        return oxideGPerMol(oxide) / (oxide.cationsPerFormula() * atomicWeightGPerMol(oxide.cation()));
    }
}
