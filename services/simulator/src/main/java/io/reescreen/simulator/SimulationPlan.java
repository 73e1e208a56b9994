package io.reescreen.simulator;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a simulation run does, as a value: the same plan gives the same shots (with a stepping
 * {@link ShotClock}; the wall clock changes only sampledAt).
 *
 * <p>Shots go to the lots in turn, {@code shotsPerLot} each, and start again from the first lot when every lot has
 * had its turn (a second survey) until {@code totalReadings} have been made. Each shot is taken by an analyzer drawn
 * at random from {@code analyzers}, so one lot is read in several bases. With probability {@code badInputFraction} a
 * reading slot carries a bad reading instead, of a kind drawn uniformly from {@code badInputKinds}; bad readings
 * count toward {@code totalReadings}.
 *
 * @param runId             names this run: part of every lot id and reading id, so runs never collide
 * @param lots              the lots, published on {@code lots} before any reading
 * @param analyzers         the analyzers taking shots
 * @param shotsPerLot       consecutive shots a lot gets per turn
 * @param readingsPerSecond publishing rate; {@link #UNTHROTTLED} for as fast as Kafka takes them
 * @param badInputFraction  share of reading slots that carry a bad reading, in [0, 1]
 * @param badInputKinds     the kinds of bad readings to make (non-empty when the fraction is above 0)
 * @param seed              drives every random choice and every noise draw of the shots
 * @param totalReadings     readings to publish, bad ones included; {@link #UNTIL_STOPPED} to run until stopped
 * @param clock             where sampledAt comes from
 * @param recordReadingIds  keep every reading id in the report (turn off for very long benchmark runs)
 */
public record SimulationPlan(String runId, List<SimulatedLot> lots, List<AnalyzerProfile> analyzers, int shotsPerLot,
                             double readingsPerSecond, double badInputFraction, Set<BadInputKind> badInputKinds,
                             long seed, long totalReadings, ShotClock clock, boolean recordReadingIds) {

    public static final double UNTHROTTLED = Double.POSITIVE_INFINITY;
    public static final long UNTIL_STOPPED = -1;

    public SimulationPlan {
        Objects.requireNonNull(runId, "runId");
        if (runId.isBlank() || !runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("runId must be non-blank letters, digits, '.', '_' or '-', got '"
                    + runId + "'");
        }
        lots = List.copyOf(lots);
        analyzers = List.copyOf(analyzers);
        if (lots.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one lot");
        }
        if (analyzers.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one analyzer");
        }
        Set<String> ids = new HashSet<>();
        for (SimulatedLot lot : lots) {
            if (!ids.add(lot.lotId())) {
                throw new IllegalArgumentException("duplicate lot id " + lot.lotId());
            }
        }
        ids.clear();
        for (AnalyzerProfile a : analyzers) {
            if (!ids.add(a.analyzerId())) {
                throw new IllegalArgumentException("duplicate analyzer id " + a.analyzerId());
            }
        }
        if (shotsPerLot < 1) {
            throw new IllegalArgumentException("shotsPerLot must be >= 1, got " + shotsPerLot);
        }
        if (!(readingsPerSecond > 0)) {
            throw new IllegalArgumentException("readingsPerSecond must be > 0 (or UNTHROTTLED), got "
                    + readingsPerSecond);
        }
        if (!(badInputFraction >= 0 && badInputFraction <= 1)) {
            throw new IllegalArgumentException("badInputFraction must be in [0, 1], got " + badInputFraction);
        }
        badInputKinds = badInputKinds.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(badInputKinds));
        if (badInputFraction > 0 && badInputKinds.isEmpty()) {
            throw new IllegalArgumentException("badInputFraction is " + badInputFraction + " but no kinds are enabled");
        }
        if (badInputFraction > 0 && badInputKinds.contains(BadInputKind.IMPLAUSIBLE_TOTAL)
                && analyzers.stream().noneMatch(AnalyzerProfile::reportsSiO2)) {
            throw new IllegalArgumentException("IMPLAUSIBLE_TOTAL needs an analyzer that reports SiO2");
        }
        if (totalReadings < 0 && totalReadings != UNTIL_STOPPED) {
            throw new IllegalArgumentException("totalReadings must be >= 0 or UNTIL_STOPPED, got " + totalReadings);
        }
        Objects.requireNonNull(clock, "clock");
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isThrottled() {
        return readingsPerSecond != UNTHROTTLED;
    }

    public boolean runsUntilStopped() {
        return totalReadings == UNTIL_STOPPED;
    }

    /** Builds a plan; every knob has a default that makes a small, realistic demo. */
    public static final class Builder {
        private String runId;
        private long seed = 42;
        private LotMix lotMix;
        private List<SimulatedLot> lots;
        private List<AnalyzerProfile> analyzers = AnalyzerProfile.defaultFleet();
        private int shotsPerLot = 5;
        private double readingsPerSecond = UNTHROTTLED;
        private double badInputFraction = 0.0;
        private Set<BadInputKind> badInputKinds = EnumSet.allOf(BadInputKind.class);
        private Long totalReadings;
        private ShotClock clock = ShotClock.wall();
        private boolean recordReadingIds = true;

        private Builder() {
        }

        /** Default: a fresh random id, so a run never collides with an earlier one on the same topics. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** Default 42. Also seeds the default lot mix. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The lots to draw (default: 10 lots, 30 % REE-rich, seeded with the plan's seed). */
        public Builder lotMix(LotMix mix) {
            this.lotMix = mix;
            this.lots = null;
            return this;
        }

        /** Explicit lots instead of a mix. */
        public Builder lots(List<SimulatedLot> lots) {
            this.lots = lots;
            this.lotMix = null;
            return this;
        }

        /** Default {@link AnalyzerProfile#defaultFleet()}. */
        public Builder analyzers(List<AnalyzerProfile> analyzers) {
            this.analyzers = analyzers;
            return this;
        }

        public Builder analyzers(AnalyzerProfile... analyzers) {
            return analyzers(List.of(analyzers));
        }

        /** Default 5. */
        public Builder shotsPerLot(int shotsPerLot) {
            this.shotsPerLot = shotsPerLot;
            return this;
        }

        /** Default {@link SimulationPlan#UNTHROTTLED}. */
        public Builder readingsPerSecond(double rate) {
            this.readingsPerSecond = rate;
            return this;
        }

        /** Default 0 (no bad readings). */
        public Builder badInputFraction(double fraction) {
            this.badInputFraction = fraction;
            return this;
        }

        /** Default: every kind. */
        public Builder badInputKinds(Set<BadInputKind> kinds) {
            this.badInputKinds = kinds;
            return this;
        }

        public Builder badInputKinds(BadInputKind first, BadInputKind... rest) {
            return badInputKinds(EnumSet.of(first, rest));
        }

        /** Default: one survey, lots × shotsPerLot. */
        public Builder totalReadings(long total) {
            this.totalReadings = total;
            return this;
        }

        public Builder untilStopped() {
            this.totalReadings = UNTIL_STOPPED;
            return this;
        }

        /** Default {@link ShotClock#wall()}. */
        public Builder clock(ShotClock clock) {
            this.clock = clock;
            return this;
        }

        /** Default true. */
        public Builder recordReadingIds(boolean record) {
            this.recordReadingIds = record;
            return this;
        }

        public SimulationPlan build() {
            String id = runId != null ? runId : "run" + UUID.randomUUID().toString().substring(0, 8);
            List<SimulatedLot> chosen = lots != null ? lots
                    : (lotMix != null ? lotMix : LotMix.of(10, 0.3, seed)).draw(id);
            long total = totalReadings != null ? totalReadings : (long) chosen.size() * shotsPerLot;
            return new SimulationPlan(id, chosen, analyzers, shotsPerLot, readingsPerSecond, badInputFraction,
                    badInputKinds, seed, total, clock, recordReadingIds);
        }
    }
}
