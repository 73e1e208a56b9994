package io.reescreen.model.units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A raw major-oxide reading in wt% as an analyzer or lab reports it: some oxides measured (with or without a 1σ),
 * some below detection, some not reported at all. {@link #resolve(ReadingPolicy)} turns it into a complete
 * {@link OxideWtPct}, or rejects it with a {@link CompositionException} naming the oxides at fault.
 */
public final class OxideWtPctReading {

    /** What is known about one oxide. */
    public sealed interface Value permits Measured, BelowDetection {
    }

    /**
     * A measured value.
     *
     * @param wtPct      the value, wt%
     * @param sigmaWtPct its 1σ, wt%, if the source reports one
     */
    public record Measured(double wtPct, OptionalDouble sigmaWtPct) implements Value {
        public Measured {
            if (!Double.isFinite(wtPct) || wtPct < 0 || wtPct > 100) {
                throw new IllegalArgumentException("measured value must be in [0, 100] wt%, got " + wtPct);
            }
            Objects.requireNonNull(sigmaWtPct, "sigmaWtPct");
            if (sigmaWtPct.isPresent() && (!Double.isFinite(sigmaWtPct.getAsDouble()) || sigmaWtPct.getAsDouble() < 0)) {
                throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigmaWtPct.getAsDouble());
            }
        }
    }

    /** "&lt;LOD": below the detection limit {@code detectionLimitWtPct} (wt%). */
    public record BelowDetection(double detectionLimitWtPct) implements Value {
        public BelowDetection {
            if (!Double.isFinite(detectionLimitWtPct) || detectionLimitWtPct <= 0 || detectionLimitWtPct > 100) {
                throw new IllegalArgumentException("detection limit must be in (0, 100] wt%, got " + detectionLimitWtPct);
            }
        }
    }

    private final Map<MajorOxide, Value> values;

    private OxideWtPctReading(Map<MajorOxide, Value> values) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the reading says about {@code oxide}; empty when the oxide was not reported. */
    public Optional<Value> value(MajorOxide oxide) {
        return Optional.ofNullable(values.get(oxide));
    }

    /** The major oxides the reading does not report at all. */
    public Set<MajorOxide> missing() {
        EnumSet<MajorOxide> missing = EnumSet.allOf(MajorOxide.class);
        missing.removeAll(values.keySet());
        return missing;
    }

    /**
     * Completes the reading under {@code policy}.
     *
     * <ul>
     *   <li>Below-detection values are substituted (with a σ covering [0, LOD]) or rejected.</li>
     *   <li>Missing oxides reject the reading, or, under {@link MissingOxidePolicy#BY_DIFFERENCE}, the configured
     *       oxide alone is taken as 100 − Σ(rest) wt%; its σ² is Σσ²(rest) and it is anti-correlated with each of
     *       them. Nothing is ever renormalised over whatever happened to be measured.</li>
     *   <li>Uncertainty is carried only when every measured value reports a σ.</li>
     * </ul>
     *
     * @throws CompositionException naming every oxide at fault (all problems are reported, not just the first)
     */
    public OxideWtPct resolve(ReadingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        double[] wtPct = new double[MajorOxide.COUNT];
        double[] variance = new double[MajorOxide.COUNT];
        boolean sigmaKnown = true;
        EnumSet<MajorOxide> belowDetection = EnumSet.noneOf(MajorOxide.class);
        EnumSet<MajorOxide> atFault = EnumSet.noneOf(MajorOxide.class);
        List<String> problems = new ArrayList<>();

        for (Map.Entry<MajorOxide, Value> e : values.entrySet()) {
            int i = e.getKey().ordinal();
            if (e.getValue() instanceof Measured m) {
                wtPct[i] = m.wtPct();
                if (m.sigmaWtPct().isPresent()) {
                    variance[i] = square(m.sigmaWtPct().getAsDouble());
                } else {
                    sigmaKnown = false;
                }
            } else if (e.getValue() instanceof BelowDetection b) {
                if (policy.belowDetection() == BelowDetectionPolicy.REJECT) {
                    atFault.add(e.getKey());
                    problems.add(e.getKey() + " is below detection (< " + b.detectionLimitWtPct()
                            + " wt%) and the policy rejects below-detection values");
                } else {
                    wtPct[i] = policy.belowDetection().substituteWtPct(b.detectionLimitWtPct());
                    variance[i] = square(policy.belowDetection().substituteSigmaWtPct(b.detectionLimitWtPct()));
                    belowDetection.add(e.getKey());
                }
            }
        }

        Set<MajorOxide> missing = missing();
        MajorOxide byDifference = null;
        if (!missing.isEmpty()) {
            if (policy.missingOxides() == MissingOxidePolicy.REJECT) {
                atFault.addAll(missing);
                problems.add("missing major oxide(s) " + missing + "; the policy rejects incomplete readings"
                        + " (configure BY_DIFFERENCE to take " + policy.byDifferenceOxide() + " by difference)");
            } else if (!missing.equals(EnumSet.of(policy.byDifferenceOxide()))) {
                atFault.addAll(missing);
                problems.add("missing major oxide(s) " + missing + "; only " + policy.byDifferenceOxide()
                        + " may be taken by difference, and only when it is the one oxide missing");
            } else {
                byDifference = policy.byDifferenceOxide();
            }
        }
        if (!problems.isEmpty()) {
            throw new CompositionException(String.join("; ", problems), atFault);
        }

        double[][] covariance = null;
        if (byDifference != null) {
            int d = byDifference.ordinal();
            double rest = OxideWtPct.sum(wtPct);
            if (rest > 100.0) {
                throw new CompositionException("cannot take " + byDifference + " by difference: the other oxides"
                        + " already sum to " + rest + " wt% (> 100)", EnumSet.of(byDifference));
            }
            wtPct[d] = 100.0 - rest;
            if (sigmaKnown) {
                covariance = new double[MajorOxide.COUNT][MajorOxide.COUNT];
                for (int k = 0; k < MajorOxide.COUNT; k++) {
                    if (k != d) {
                        covariance[k][k] = variance[k];
                        covariance[d][k] = -variance[k];
                        covariance[k][d] = -variance[k];
                        covariance[d][d] += variance[k];
                    }
                }
            }
        } else if (sigmaKnown) {
            covariance = Closure.diagonal(sqrt(variance));
        }
        return new OxideWtPct(wtPct, covariance,
                OxideProvenance.of(Optional.ofNullable(byDifference), belowDetection));
    }

    private static double square(double x) {
        return x * x;
    }

    private static double[] sqrt(double[] variance) {
        double[] s = new double[variance.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.sqrt(variance[i]);
        }
        return s;
    }

    @Override
    public String toString() {
        return "OxideWtPctReading" + values;
    }

    /** Collects what a source reports; an oxide set twice is a programming error. */
    public static final class Builder {
        private final EnumMap<MajorOxide, Value> values = new EnumMap<>(MajorOxide.class);

        private Builder() {
        }

        /** A measured value without a reported σ. */
        public Builder measured(MajorOxide oxide, double wtPct) {
            return put(oxide, new Measured(wtPct, OptionalDouble.empty()));
        }

        /** A measured value without a reported σ, given as the cation's content in ppm (mg/kg). */
        public Builder measuredAsElementPpm(MajorOxide oxide, double elementPpm) {
            return measured(oxide, MajorElementUnits.oxideWtPctFromElementPpm(oxide, elementPpm));
        }

        /** A measured value with its 1σ (wt%). */
        public Builder measured(MajorOxide oxide, double wtPct, double sigmaWtPct) {
            return put(oxide, new Measured(wtPct, OptionalDouble.of(sigmaWtPct)));
        }

        /** "&lt;LOD" with the detection limit in wt%. */
        public Builder belowDetection(MajorOxide oxide, double detectionLimitWtPct) {
            return put(oxide, new BelowDetection(detectionLimitWtPct));
        }

        /** A measured value given as the cation's content in ppm (mg/kg), e.g. Mn from a four-acid ICP report. */
        public Builder measuredAsElementPpm(MajorOxide oxide, double elementPpm, double sigmaElementPpm) {
            return measured(oxide, MajorElementUnits.oxideWtPctFromElementPpm(oxide, elementPpm),
                    MajorElementUnits.oxideWtPctFromElementPpm(oxide, sigmaElementPpm));
        }

        /** "&lt;LOD" with the detection limit given as the cation's content in ppm (mg/kg). */
        public Builder belowDetectionAsElementPpm(MajorOxide oxide, double detectionLimitElementPpm) {
            return belowDetection(oxide, MajorElementUnits.oxideWtPctFromElementPpm(oxide, detectionLimitElementPpm));
        }

        private Builder put(MajorOxide oxide, Value value) {
            Objects.requireNonNull(oxide, "oxide");
            if (values.putIfAbsent(oxide, value) != null) {
                throw new IllegalStateException(oxide + " was already set in this reading");
            }
            return this;
        }

        public OxideWtPctReading build() {
            return new OxideWtPctReading(values);
        }
    }
}
