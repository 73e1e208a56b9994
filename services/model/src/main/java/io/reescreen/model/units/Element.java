package io.reescreen.model.units;

/**
 * The chemical elements the project handles: oxygen, the cations of the ten major oxides, and the 16 rare-earth
 * elements of the paper (La…Lu without Pm, plus Y and Sc). Atomic weights live in {@link MolarMasses}, not here,
 * so every mass the project uses comes from one table.
 */
public enum Element {
    O("O", false),
    NA("Na", false),
    MG("Mg", false),
    AL("Al", false),
    SI("Si", false),
    P("P", false),
    K("K", false),
    CA("Ca", false),
    TI("Ti", false),
    MN("Mn", false),
    FE("Fe", false),
    SC("Sc", true),
    Y("Y", true),
    LA("La", true),
    CE("Ce", true),
    PR("Pr", true),
    ND("Nd", true),
    SM("Sm", true),
    EU("Eu", true),
    GD("Gd", true),
    TB("Tb", true),
    DY("Dy", true),
    HO("Ho", true),
    ER("Er", true),
    TM("Tm", true),
    YB("Yb", true),
    LU("Lu", true);

    private final String symbol;
    private final boolean rareEarth;

    Element(String symbol, boolean rareEarth) {
        this.symbol = symbol;
        this.rareEarth = rareEarth;
    }

    /** The chemical symbol, e.g. {@code "Al"}. */
    public String symbol() {
        return symbol;
    }

    /** True for the 16 rare-earth elements counted in total REE (including Y and Sc). */
    public boolean isRareEarth() {
        return rareEarth;
    }

    public double atomicWeightGPerMol() {
        return MolarMasses.atomicWeightGPerMol(this);
    }

    /** Looks an element up by its symbol (case-sensitive, as chemists write it). */
    public static Element fromSymbol(String symbol) {
        for (Element e : values()) {
            if (e.symbol.equals(symbol)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown element symbol '" + symbol + "'");
    }
}
