package io.reescreen.model.units;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;

/**
 * A complete ten-major-oxide composition in weight percent (g oxide per 100 g ash), as measured: the ten need
 * not sum to 100 because LOI, SO3 and minor oxides are not among them. Optionally carries the covariance of the
 * values in (wt%)², which is what lets {@link #toMolPct()} propagate uncertainty.
 *
 * <p>Build one from a raw reading with {@link OxideWtPctReading#resolve(ReadingPolicy)} (missing oxides,
 * below-detection values) or directly with {@link #of(Map)} when all ten are known.
 */
public final class OxideWtPct {

    /** XRF totals of the ten majors above ~105 wt% are not plausible analytical error; they signal bad units. */
    public static final double MAX_TOTAL_WT_PCT = 105.0;

    private final double[] wtPct;
    private final double[][] covarianceWtPct2;
    private final OxideProvenance provenance;

    OxideWtPct(double[] wtPct, double[][] covarianceWtPct2, OxideProvenance provenance) {
        this.wtPct = checked(wtPct);
        this.covarianceWtPct2 = covarianceWtPct2 == null ? null : checkedCovariance(covarianceWtPct2);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** All ten oxides measured, no uncertainty recorded. */
    public static OxideWtPct of(Map<MajorOxide, Double> wtPct) {
        return new OxideWtPct(toPaperOrder(wtPct, "wtPct"), null, OxideProvenance.MEASURED);
    }

    /** All ten oxides measured with independent 1σ errors (wt%). */
    public static OxideWtPct of(Map<MajorOxide, Double> wtPct, Map<MajorOxide, Double> sigmaWtPct) {
        return new OxideWtPct(toPaperOrder(wtPct, "wtPct"), Closure.diagonal(toPaperOrder(sigmaWtPct, "sigmaWtPct")),
                OxideProvenance.MEASURED);
    }

    /** All ten oxides in {@link MajorOxide#PAPER_ORDER}, no uncertainty recorded. */
    public static OxideWtPct ofPaperOrder(double[] wtPct) {
        return new OxideWtPct(wtPct.clone(), null, OxideProvenance.MEASURED);
    }

    public double wtPct(MajorOxide oxide) {
        return wtPct[oxide.ordinal()];
    }

    /** The ten values in {@link MajorOxide#PAPER_ORDER} (a copy). */
    public double[] toArrayWtPct() {
        return wtPct.clone();
    }

    public double sumWtPct() {
        return sum(wtPct);
    }

    public boolean hasUncertainty() {
        return covarianceWtPct2 != null;
    }

    /** 1σ of one oxide, wt%. Throws when the composition carries no uncertainty. */
    public double sigmaWtPct(MajorOxide oxide) {
        requireUncertainty();
        return Math.sqrt(covarianceWtPct2[oxide.ordinal()][oxide.ordinal()]);
    }

    /**
     * Covariance of the ten values, (wt%)², paper order (a copy). Off-diagonal terms are non-zero when an oxide was
     * taken by difference: it moves against every measured oxide.
     */
    public double[][] covarianceWtPct2() {
        requireUncertainty();
        return Closure.copy(covarianceWtPct2);
    }

    public OxideProvenance provenance() {
        return provenance;
    }

    /**
     * The paper's input representation: moles of each oxide over the moles of the ten, ×100. Uncertainty, if
     * present, is propagated to first order (J·C·Jᵀ), correlations included.
     */
    public OxideMolPct toMolPct() {
        double[] weights = Closure.inverseMolarMassesMolPerG();
        double[] molPct = Closure.apply(wtPct, weights);
        double[][] covariance = covarianceWtPct2 == null ? null
                : Closure.propagate(Closure.jacobian(wtPct, weights), covarianceWtPct2);
        return new OxideMolPct(molPct, covariance, provenance);
    }

    /** The same composition scaled so the ten sum to exactly 100 wt% (uncertainty propagated). */
    public OxideWtPct renormalised() {
        double[] weights = Closure.ones();
        double[][] covariance = covarianceWtPct2 == null ? null
                : Closure.propagate(Closure.jacobian(wtPct, weights), covarianceWtPct2);
        return new OxideWtPct(Closure.apply(wtPct, weights), covariance, provenance);
    }

    private void requireUncertainty() {
        if (covarianceWtPct2 == null) {
            throw new IllegalStateException("this composition carries no uncertainty");
        }
    }

    static double[] toPaperOrder(Map<MajorOxide, Double> values, String what) {
        Objects.requireNonNull(values, what);
        EnumMap<MajorOxide, Double> copy = new EnumMap<>(MajorOxide.class);
        copy.putAll(values);
        double[] out = new double[MajorOxide.COUNT];
        for (MajorOxide o : MajorOxide.values()) {
            Double v = copy.get(o);
            if (v == null) {
                throw new CompositionException(what + ": " + o + " is missing: all ten major oxides are required here"
                        + " (an incomplete wt% reading goes through OxideWtPctReading)", EnumSet.of(o));
            }
            out[o.ordinal()] = v;
        }
        return out;
    }

    private static double[] checked(double[] wtPct) {
        if (wtPct.length != MajorOxide.COUNT) {
            throw new IllegalArgumentException("expected " + MajorOxide.COUNT + " oxides, got " + wtPct.length);
        }
        for (MajorOxide o : MajorOxide.values()) {
            double v = wtPct[o.ordinal()];
            if (!Double.isFinite(v) || v < 0 || v > 100) {
                throw new CompositionException(o + " = " + v + " wt% is outside [0, 100]", EnumSet.of(o));
            }
        }
        double total = sum(wtPct);
        if (!(total > 0) || total > MAX_TOTAL_WT_PCT) {
            throw new CompositionException("the ten major oxides sum to " + total + " wt%, outside (0, "
                    + MAX_TOTAL_WT_PCT + "]", EnumSet.noneOf(MajorOxide.class));
        }
        return wtPct;
    }

    static double[][] checkedCovariance(double[][] covariance) {
        if (covariance.length != MajorOxide.COUNT) {
            throw new IllegalArgumentException("covariance must be " + MajorOxide.COUNT + "x" + MajorOxide.COUNT);
        }
        for (int i = 0; i < covariance.length; i++) {
            if (covariance[i].length != MajorOxide.COUNT) {
                throw new IllegalArgumentException("covariance must be square");
            }
            if (!(covariance[i][i] >= 0) || !Double.isFinite(covariance[i][i])) {
                throw new IllegalArgumentException("variance of " + MajorOxide.PAPER_ORDER.get(i) + " is "
                        + covariance[i][i]);
            }
        }
        return Closure.copy(covariance);
    }

    static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OxideWtPct other && Arrays.equals(wtPct, other.wtPct)
                && Arrays.deepEquals(covarianceWtPct2, other.covarianceWtPct2) && provenance.equals(other.provenance);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wtPct) * 31 + provenance.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("OxideWtPct{");
        for (MajorOxide o : MajorOxide.values()) {
            sb.append(o).append('=').append(wtPct[o.ordinal()]).append(o == MajorOxide.MNO ? "" : ", ");
        }
        return sb.append(", ").append(provenance).append('}').toString();
    }
}
