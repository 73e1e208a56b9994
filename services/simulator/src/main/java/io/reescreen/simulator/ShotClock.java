package io.reescreen.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where a shot's {@code sampledAt} comes from. The wall clock suits live runs (the screener compares sampledAt with
 * its own clock, so a simulated clock running ahead would look like future timestamps); the stepping clock makes a
 * run fully reproducible.
 *
 * @param start    first shot's time; null for the wall clock
 * @param interval simulated time between consecutive shots (stepping clock only)
 */
public record ShotClock(Instant start, Duration interval) {

    public ShotClock {
        if (start != null) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative, got " + interval);
            }
            start = start.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** sampledAt = the wall-clock time the shot is generated. */
    public static ShotClock wall() {
        return new ShotClock(null, null);
    }

    /** sampledAt of shot i = start + i × interval, whatever the wall clock says. */
    public static ShotClock stepping(Instant start, Duration interval) {
        return new ShotClock(Objects.requireNonNull(start, "start"), interval);
    }

    public boolean isWall() {
        return start == null;
    }

    /** The time of the {@code index}-th (0-based) reading, to the millisecond. */
    public Instant timeOf(long index) {
        if (start == null) {
            return Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }
        return start.plus(interval.multipliedBy(index));
    }
}
