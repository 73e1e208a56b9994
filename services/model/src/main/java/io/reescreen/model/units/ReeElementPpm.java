package io.reescreen.model.units;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The 16 rare-earth element contents in ppm by mass (mg/kg of ash), as ICP-MS labs report them. */
public final class ReeElementPpm {

    /** Indexed like {@link ReeOxide#PAPER_ORDER}: value i is the element of REE oxide i. */
    private final double[] ppm;

    private ReeElementPpm(double[] ppm) {
        if (ppm.length != ReeOxide.COUNT) {
            throw new IllegalArgumentException("expected " + ReeOxide.COUNT + " REE, got " + ppm.length);
        }
        for (ReeOxide o : ReeOxide.values()) {
            double v = ppm[o.ordinal()];
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException(o.element().symbol() + " = " + v + " ppm must be finite and >= 0");
            }
        }
        this.ppm = ppm;
    }

    public static ReeElementPpm of(Map<Element, Double> ppm) {
        Objects.requireNonNull(ppm, "ppm");
        EnumMap<Element, Double> copy = new EnumMap<>(Element.class);
        copy.putAll(ppm);
        double[] values = new double[ReeOxide.COUNT];
        for (ReeOxide o : ReeOxide.values()) {
            Double v = copy.remove(o.element());
            if (v == null) {
                throw new IllegalArgumentException(o.element().symbol() + " is missing: all 16 REE are required");
            }
            values[o.ordinal()] = v;
        }
        if (!copy.isEmpty()) {
            throw new IllegalArgumentException("not rare-earth elements: " + copy.keySet());
        }
        return new ReeElementPpm(values);
    }

    /** Values ordered like {@link ReeOxide#PAPER_ORDER} (Ce, Dy, Er, Eu, Gd, Ho, La, Lu, Nd, Pr, Sc, Sm, Tb, Tm, Yb, Y). */
    public static ReeElementPpm ofPaperOrder(double[] ppm) {
        return new ReeElementPpm(ppm.clone());
    }

    public double ppm(Element element) {
        return ppm[ReeOxide.ofElement(element).ordinal()];
    }

    /** Values ordered like {@link ReeOxide#PAPER_ORDER} (a copy). */
    public double[] toArrayPpm() {
        return ppm.clone();
    }

    public double sumPpm() {
        return OxideWtPct.sum(ppm);
    }

    /** The paper's target unit, in an ash of composition {@code ash}. */
    public ReeOxidePpmMol toOxidePpmMol(OxideMolPct ash) {
        double[] ppmMol = new double[ReeOxide.COUNT];
        for (ReeOxide o : ReeOxide.values()) {
            ppmMol[o.ordinal()] = ReeUnits.oxidePpmMolFromElementPpm(o, ppm[o.ordinal()], ash);
        }
        return ReeOxidePpmMol.ofPaperOrder(ppmMol);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReeElementPpm other && Arrays.equals(ppm, other.ppm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ppm);
    }

    @Override
    public String toString() {
        return "ReeElementPpm" + Arrays.toString(ppm);
    }
}
