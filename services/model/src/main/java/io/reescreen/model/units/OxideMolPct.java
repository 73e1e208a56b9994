package io.reescreen.model.units;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;

/**
 * The paper's input representation: mole percent of the ten major oxides. Converted from wt% the ten sum to
 * 100; rows of the paper's own tables sum to ~99.5–100 because the authors renormalised over all oxides
 * (SO3 etc. included) and then dropped those, and such rows are kept as given, not forced to 100.
 *
 * <p>Optionally carries the covariance of the values in (mol %)². Values with a by-difference or below-detection
 * origin are named in {@link #provenance()}.
 */
public final class OxideMolPct {

    /** Rows a little over 100 occur from rounding of published tables; more than this is not a mole fraction. */
    public static final double MAX_TOTAL_MOL_PCT = 100.5;

    private final double[] molPct;
    private final double[][] covarianceMolPct2;
    private final OxideProvenance provenance;

    OxideMolPct(double[] molPct, double[][] covarianceMolPct2, OxideProvenance provenance) {
        this.molPct = checked(molPct);
        this.covarianceMolPct2 = covarianceMolPct2 == null ? null
                : OxideWtPct.checkedCovariance(covarianceMolPct2);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** All ten oxides, mol %, no uncertainty recorded. */
    public static OxideMolPct of(Map<MajorOxide, Double> molPct) {
        return new OxideMolPct(OxideWtPct.toPaperOrder(molPct, "molPct"), null, OxideProvenance.MEASURED);
    }

    /** All ten oxides in {@link MajorOxide#PAPER_ORDER}, mol %, no uncertainty recorded. */
    public static OxideMolPct ofPaperOrder(double[] molPct) {
        return new OxideMolPct(molPct.clone(), null, OxideProvenance.MEASURED);
    }

    /**
     * All ten oxides in paper order with 1σ (mol %) treated as independent. Use when only per-oxide σ is known
     * (e.g. a CSV with sigma columns); correlations from closure are then not represented.
     */
    public static OxideMolPct ofPaperOrder(double[] molPct, double[] sigmaMolPct) {
        if (sigmaMolPct.length != MajorOxide.COUNT) {
            throw new IllegalArgumentException("expected " + MajorOxide.COUNT + " sigmas, got " + sigmaMolPct.length);
        }
        for (double s : sigmaMolPct) {
            if (!(s >= 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("sigma must be finite and >= 0, got " + s);
            }
        }
        return new OxideMolPct(molPct.clone(), Closure.diagonal(sigmaMolPct), OxideProvenance.MEASURED);
    }

    public double molPct(MajorOxide oxide) {
        return molPct[oxide.ordinal()];
    }

    /** The ten values in {@link MajorOxide#PAPER_ORDER} (a copy). */
    public double[] toArrayMolPct() {
        return molPct.clone();
    }

    public double sumMolPct() {
        return OxideWtPct.sum(molPct);
    }

    public boolean hasUncertainty() {
        return covarianceMolPct2 != null;
    }

    /** 1σ of one oxide, mol %. Throws when the composition carries no uncertainty. */
    public double sigmaMolPct(MajorOxide oxide) {
        requireUncertainty();
        return Math.sqrt(covarianceMolPct2[oxide.ordinal()][oxide.ordinal()]);
    }

    /**
     * Covariance, (mol %)², paper order (a copy). After closure it is singular (the ten sum to a constant), so
     * sample it by eigen-decomposition, or sample the wt% reading and convert.
     */
    public double[][] covarianceMolPct2() {
        requireUncertainty();
        return Closure.copy(covarianceMolPct2);
    }

    public OxideProvenance provenance() {
        return provenance;
    }

    /**
     * Mean molar mass of the oxide mixture, Σ x_j·M_j / Σ x_j (g per mol of oxide formula units). This is the
     * factor between "ppm by mole" and "ppm by mass" of the ash (see {@link ReeUnits}).
     */
    public double meanMolarMassGPerMol() {
        double[] m = Closure.molarMassesGPerMol();
        double mass = 0;
        for (int i = 0; i < molPct.length; i++) {
            mass += molPct[i] * m[i];
        }
        return mass / sumMolPct();
    }

    /** Weight percent over the ten oxides, summing to 100 (uncertainty propagated to first order). */
    public OxideWtPct toWtPct() {
        double[] weights = Closure.molarMassesGPerMol();
        double[][] covariance = covarianceMolPct2 == null ? null
                : Closure.propagate(Closure.jacobian(molPct, weights), covarianceMolPct2);
        return new OxideWtPct(Closure.apply(molPct, weights), covariance, provenance);
    }

    /** The same composition scaled so the ten sum to exactly 100 mol % (uncertainty propagated). */
    public OxideMolPct renormalised() {
        double[] weights = Closure.ones();
        double[][] covariance = covarianceMolPct2 == null ? null
                : Closure.propagate(Closure.jacobian(molPct, weights), covarianceMolPct2);
        return new OxideMolPct(Closure.apply(molPct, weights), covariance, provenance);
    }

    private void requireUncertainty() {
        if (covarianceMolPct2 == null) {
            throw new IllegalStateException("this composition carries no uncertainty");
        }
    }

    private static double[] checked(double[] molPct) {
        if (molPct.length != MajorOxide.COUNT) {
            throw new IllegalArgumentException("expected " + MajorOxide.COUNT + " oxides, got " + molPct.length);
        }
        for (MajorOxide o : MajorOxide.values()) {
            double v = molPct[o.ordinal()];
            if (!Double.isFinite(v) || v < 0 || v > 100) {
                throw new CompositionException(o + " = " + v + " mol % is outside [0, 100]", EnumSet.of(o));
            }
        }
        double total = OxideWtPct.sum(molPct);
        if (!(total > 0) || total > MAX_TOTAL_MOL_PCT) {
            throw new CompositionException("the ten major oxides sum to " + total + " mol %, outside (0, "
                    + MAX_TOTAL_MOL_PCT + "]", EnumSet.noneOf(MajorOxide.class));
        }
        return molPct;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OxideMolPct other && Arrays.equals(molPct, other.molPct)
                && Arrays.deepEquals(covarianceMolPct2, other.covarianceMolPct2) && provenance.equals(other.provenance);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(molPct) * 31 + provenance.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("OxideMolPct{");
        for (MajorOxide o : MajorOxide.values()) {
            sb.append(o).append('=').append(molPct[o.ordinal()]).append(o == MajorOxide.MNO ? "" : ", ");
        }
        return sb.append(", ").append(provenance).append('}').toString();
    }
}
