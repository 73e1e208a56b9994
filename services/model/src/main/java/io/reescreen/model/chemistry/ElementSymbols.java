package io.reescreen.model.chemistry;

import java.util.Set;

/**
 * The 118 element symbols of the periodic table, case as chemists write them. Lets a reader of analyzer output tell a
 * name that is an element (or an oxide of one) the project does not model from one that is no chemistry at all.
 */
public final class ElementSymbols {

    private static final Set<String> SYMBOLS = Set.of(("H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr"
            + " Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr"
            + " Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu"
            + " Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og").split(" "));

    private ElementSymbols() {
    }

    /** True for a symbol of the periodic table, e.g. {@code "Zr"}; case-sensitive ({@code "ZR"} is not one). */
    public static boolean isElementSymbol(String name) {
        return name != null && SYMBOLS.contains(name);
    }

    /** How many symbols there are: 118. */
    public static int count() {
        return SYMBOLS.size();
    }
}
