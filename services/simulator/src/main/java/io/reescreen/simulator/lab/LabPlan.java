package io.reescreen.simulator.lab;

import io.reescreen.schemas.LabConcentrationUnit;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the simulated lab does, as a value: the same plan and the same lots give the same lab results, byte
 * for byte.
 *
 * <p>Of the lots, exactly {@code round(lots × labResultFraction)} (chosen at random) are sent to the lab. Of those,
 * exactly {@code round(chosen × badFraction)} get a bad result instead of a good one, the kinds taken in turn from
 * {@code badKinds}. A good result is the lot's true REE (the 16 oxides, ppm mol) times its site's offset, each with
 * independent Gaussian noise of relative 1σ {@code relativeNoise}, converted to {@code unit} with the lot's true
 * major-oxide composition as the ash. Elements whose noisy content falls under {@code detectionLimitElementPpm}
 * (always compared as mg of element per kg, whatever the unit reported) are sent as below detection, without value.
 *
 * <p>Time is simulated, not waited for: reportedAt = {@code readingsAt + delay + U(0, jitter)}.
 *
 * @param seed                     drives every random choice and noise draw
 * @param labResultFraction        share of lots that get a lab result, in [0, 1]
 * @param readingsAt               when the lots were read by the XRF analyzers; the lab reports after this
 * @param delay                    how long after {@code readingsAt} the lab reports (non-negative)
 * @param jitter                   each report is a further uniform [0, jitter) later (non-negative)
 * @param relativeNoise            analytical noise, relative 1σ (0.04 = 4 %), finite and >= 0
 * @param detectionLimitElementPpm detection limit, mg of element per kg of ash, finite and >= 0
 * @param unit                     the unit of every reported value: PPM_MASS_ELEMENT, PPM_MASS_OXIDE or PPM_MOL_OXIDE
 * @param labId                    the lab's id on every result
 * @param siteOffsets              the systematic per-site bias the lab sees and the synthetic truth does not
 * @param badFraction              share of the lab results that are bad, in [0, 1]
 * @param badKinds                 the kinds of bad results to make (non-empty when badFraction is above 0)
 */
public record LabPlan(long seed, double labResultFraction, Instant readingsAt, Duration delay, Duration jitter,
                      double relativeNoise, double detectionLimitElementPpm, LabConcentrationUnit unit, String labId,
                      SiteOffsets siteOffsets, double badFraction, Set<BadLabResultKind> badKinds) {

    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_LAB_RESULT_FRACTION = 0.5;
    /** A fixed instant, so a default plan is reproducible; live runs pass the time their readings were taken. */
    public static final Instant DEFAULT_READINGS_AT = Instant.parse("2025-01-01T00:00:00Z");
    /** Three days: a commercial ICP-MS turnaround, in simulated time. */
    public static final Duration DEFAULT_DELAY = Duration.ofDays(3);
    public static final Duration DEFAULT_JITTER = Duration.ofHours(6);
    /** 4 %: a typical ICP-MS relative standard deviation for REE at tens of mg/kg. */
    public static final double DEFAULT_RELATIVE_NOISE = 0.04;
    /** 0.05 mg/kg: a typical ICP-MS REE detection limit in a digested ash. */
    public static final double DEFAULT_DETECTION_LIMIT_ELEMENT_PPM = 0.05;
    public static final LabConcentrationUnit DEFAULT_UNIT = LabConcentrationUnit.PPM_MASS_ELEMENT;
    public static final String DEFAULT_LAB_ID = "LAB-SIM-ICPMS";

    public LabPlan {
        if (!(labResultFraction >= 0 && labResultFraction <= 1)) {
            throw new IllegalArgumentException("labResultFraction must be in [0, 1], got " + labResultFraction);
        }
        Objects.requireNonNull(readingsAt, "readingsAt");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must be >= 0, got " + delay + " and " + jitter);
        }
        if (!(relativeNoise >= 0) || !Double.isFinite(relativeNoise)) {
            throw new IllegalArgumentException("relativeNoise must be finite and >= 0, got " + relativeNoise);
        }
        if (!(detectionLimitElementPpm >= 0) || !Double.isFinite(detectionLimitElementPpm)) {
            throw new IllegalArgumentException("detectionLimitElementPpm must be finite and >= 0, got "
                    + detectionLimitElementPpm);
        }
        Objects.requireNonNull(unit, "unit");
        if (unit == LabConcentrationUnit.UNKNOWN) {
            throw new IllegalArgumentException("a good lab result needs a known unit (UNKNOWN is the UNKNOWN_UNIT"
                    + " bad kind)");
        }
        Objects.requireNonNull(labId, "labId");
        if (labId.isBlank()) {
            throw new IllegalArgumentException("labId must be non-blank");
        }
        Objects.requireNonNull(siteOffsets, "siteOffsets");
        if (!(badFraction >= 0 && badFraction <= 1)) {
            throw new IllegalArgumentException("badFraction must be in [0, 1], got " + badFraction);
        }
        Objects.requireNonNull(badKinds, "badKinds");
        badKinds = badKinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(badKinds));
        if (badFraction > 0 && badKinds.isEmpty()) {
            throw new IllegalArgumentException("badFraction is " + badFraction + " but no bad kinds are enabled");
        }
    }

    /** Every knob at its default. */
    public static LabPlan defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The earliest a result of this plan can be reported. */
    public Instant earliestReportedAt() {
        return readingsAt.plus(delay);
    }

    /** Builds a plan; every knob has a realistic default. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private double labResultFraction = DEFAULT_LAB_RESULT_FRACTION;
        private Instant readingsAt = DEFAULT_READINGS_AT;
        private Duration delay = DEFAULT_DELAY;
        private Duration jitter = DEFAULT_JITTER;
        private double relativeNoise = DEFAULT_RELATIVE_NOISE;
        private double detectionLimitElementPpm = DEFAULT_DETECTION_LIMIT_ELEMENT_PPM;
        private LabConcentrationUnit unit = DEFAULT_UNIT;
        private String labId = DEFAULT_LAB_ID;
        private SiteOffsets siteOffsets = SiteOffsets.defaults();
        private double badFraction = 0.0;
        private Set<BadLabResultKind> badKinds = EnumSet.allOf(BadLabResultKind.class);

        private Builder() {
        }

        /** Default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default 0.5. */
        public Builder labResultFraction(double fraction) {
            this.labResultFraction = fraction;
            return this;
        }

        /** Default {@link LabPlan#DEFAULT_READINGS_AT}. */
        public Builder readingsAt(Instant readingsAt) {
            this.readingsAt = readingsAt;
            return this;
        }

        /** Default 3 days. */
        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** Default 6 hours. */
        public Builder jitter(Duration jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Default 0.04. */
        public Builder relativeNoise(double relativeNoise) {
            this.relativeNoise = relativeNoise;
            return this;
        }

        /** Default 0.05 mg/kg of the element. */
        public Builder detectionLimitElementPpm(double limit) {
            this.detectionLimitElementPpm = limit;
            return this;
        }

        /** Default PPM_MASS_ELEMENT. */
        public Builder unit(LabConcentrationUnit unit) {
            this.unit = unit;
            return this;
        }

        /** Default {@link LabPlan#DEFAULT_LAB_ID}. */
        public Builder labId(String labId) {
            this.labId = labId;
            return this;
        }

        /** Default {@link SiteOffsets#defaults()} (YARD-A 0.75, YARD-B 1.35, YARD-C 1.0). */
        public Builder siteOffsets(SiteOffsets offsets) {
            this.siteOffsets = offsets;
            return this;
        }

        /** Default 0 (no bad results). */
        public Builder badFraction(double fraction) {
            this.badFraction = fraction;
            return this;
        }

        /** Default: every kind. */
        public Builder badKinds(Set<BadLabResultKind> kinds) {
            this.badKinds = kinds;
            return this;
        }

        public Builder badKinds(BadLabResultKind first, BadLabResultKind... rest) {
            return badKinds(EnumSet.of(first, rest));
        }

        public LabPlan build() {
            return new LabPlan(seed, labResultFraction, readingsAt, delay, jitter, relativeNoise,
                    detectionLimitElementPpm, unit, labId, siteOffsets, badFraction, badKinds);
        }
    }
}
