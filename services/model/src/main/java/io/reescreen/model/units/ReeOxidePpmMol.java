package io.reescreen.model.units;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The 16 REE oxide contents in the paper's target unit, ppm by mole (see {@link ReeUnits}). */
public final class ReeOxidePpmMol {

    private final double[] ppmMol;

    private ReeOxidePpmMol(double[] ppmMol) {
        if (ppmMol.length != ReeOxide.COUNT) {
            throw new IllegalArgumentException("expected " + ReeOxide.COUNT + " REE oxides, got " + ppmMol.length);
        }
        for (ReeOxide o : ReeOxide.values()) {
            double v = ppmMol[o.ordinal()];
            if (!Double.isFinite(v) || v < 0) {
                throw new IllegalArgumentException(o + " = " + v + " ppm mol must be finite and >= 0");
            }
        }
        this.ppmMol = ppmMol;
    }

    public static ReeOxidePpmMol of(Map<ReeOxide, Double> ppmMol) {
        Objects.requireNonNull(ppmMol, "ppmMol");
        EnumMap<ReeOxide, Double> copy = new EnumMap<>(ReeOxide.class);
        copy.putAll(ppmMol);
        double[] values = new double[ReeOxide.COUNT];
        for (ReeOxide o : ReeOxide.values()) {
            Double v = copy.get(o);
            if (v == null) {
                throw new IllegalArgumentException(o + " is missing: all 16 REE oxides are required");
            }
            values[o.ordinal()] = v;
        }
        return new ReeOxidePpmMol(values);
    }

    /** The 16 values in {@link ReeOxide#PAPER_ORDER}. */
    public static ReeOxidePpmMol ofPaperOrder(double[] ppmMol) {
        return new ReeOxidePpmMol(ppmMol.clone());
    }

    public double ppmMol(ReeOxide oxide) {
        return ppmMol[oxide.ordinal()];
    }

    /** The 16 values in {@link ReeOxide#PAPER_ORDER} (a copy). */
    public double[] toArrayPpmMol() {
        return ppmMol.clone();
    }

    public double sumPpmMol() {
        return OxideWtPct.sum(ppmMol);
    }

    /** Element contents (mg/kg) in an ash of composition {@code ash}. */
    public ReeElementPpm toElementPpm(OxideMolPct ash) {
        double[] ppm = new double[ReeOxide.COUNT];
        for (ReeOxide o : ReeOxide.values()) {
            ppm[o.ordinal()] = ReeUnits.elementPpmFromOxidePpmMol(o, ppmMol[o.ordinal()], ash);
        }
        return ReeElementPpm.ofPaperOrder(ppm);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReeOxidePpmMol other && Arrays.equals(ppmMol, other.ppmMol);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ppmMol);
    }

    @Override
    public String toString() {
        return "ReeOxidePpmMol" + Arrays.toString(ppmMol);
    }
}
