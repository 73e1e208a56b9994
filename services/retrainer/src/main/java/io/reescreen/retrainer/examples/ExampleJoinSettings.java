package io.reescreen.retrainer.examples;

import java.time.Duration;
import java.util.Objects;

/**
 * How lab results meet compositions.
 *
 * @param minShotCount      a lab result joins a composition of at least this many readings; before that it waits
 * @param maxWait           how long a lab result may wait for such a composition before it is dead-lettered
 *                          (NO_COMPOSITION), so nothing waits forever unseen
 * @param expiryCheckEvery  how often (wall clock) waiting results are checked against {@code maxWait}
 * @param holdFactor        a lab result whose total REE lies beyond the served prediction's 99.9 % interval by more
 *                          than this factor (above its upper bound times it, or below its lower bound divided by it)
 *                          is held out of training until a person accepts it (dimensionless; 0: nothing is held)
 */
public record ExampleJoinSettings(int minShotCount, Duration maxWait, Duration expiryCheckEvery, double holdFactor) {

    /** The default hold factor: three times beyond the 99.9 % interval (dimensionless). */
    public static final double DEFAULT_HOLD_FACTOR = 3.0;

    public ExampleJoinSettings(int minShotCount, Duration maxWait, Duration expiryCheckEvery) {
        this(minShotCount, maxWait, expiryCheckEvery, DEFAULT_HOLD_FACTOR);
    }

    public ExampleJoinSettings {
        if (!(holdFactor >= 0) || Double.isInfinite(holdFactor)) {
            throw new IllegalArgumentException("need a finite holdFactor >= 0, got " + holdFactor);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(expiryCheckEvery, "expiryCheckEvery");
        if (minShotCount < 1 || maxWait.isNegative() || maxWait.isZero() || expiryCheckEvery.isNegative()
                || expiryCheckEvery.isZero()) {
            throw new IllegalArgumentException("need minShotCount >= 1 and positive maxWait and expiryCheckEvery");
        }
    }

    /** Any composition; wait up to 30 days for one; check hourly. */
    public static ExampleJoinSettings defaults() {
        return new ExampleJoinSettings(1, Duration.ofDays(30), Duration.ofHours(1));
    }
}
