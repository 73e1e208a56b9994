package io.reescreen.simulator;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds a publishing rate on an absolute schedule (event n is due at start + n/rate), so short stalls are made up
 * and the average rate is the one asked for. Unthrottled when the rate is infinite.
 */
final class Pacer {

    /** Longest single wait, so a stop request is seen promptly even at very low rates. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final double eventsPerSecond;
    private long startNanos;
    private long count;

    Pacer(double eventsPerSecond) {
        if (!(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + eventsPerSecond);
        }
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Waits for the next event's turn; false when {@code stopped} became true while waiting. */
    boolean awaitTurn(BooleanSupplier stopped) {
        if (Double.isInfinite(eventsPerSecond)) {
            count++;
            return !stopped.getAsBoolean();
        }
        if (count == 0) {
            startNanos = System.nanoTime();
        }
        long due = startNanos + (long) (count * 1e9 / eventsPerSecond);
        count++;
        while (true) {
            if (stopped.getAsBoolean()) {
                return false;
            }
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
        }
    }
}
