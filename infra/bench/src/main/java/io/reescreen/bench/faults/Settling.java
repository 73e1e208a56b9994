package io.reescreen.bench.faults;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Waits for the counts after a fault to become exact: a service restarted under load may still be catching up when
 * the probe stops, so a shortfall only counts as lost once the counts stopped moving ({@code stall} without a change)
 * or {@code limit} passed.
 */
final class Settling {

    /**
     * @param counts  the last counts read
     * @param seconds how long it waited (unit: s)
     * @param stalled whether the counts had stopped moving (else the limit cut the wait while they still rose)
     */
    record Outcome(ExactCounts counts, double seconds, boolean stalled) {

        /** e.g. "exact after 12 s", or why the shortfall is not (yet) a loss. */
        String describe() {
            if (counts.exact()) {
                return String.format(Locale.ROOT, "exact %.0f s after the probe stopped", seconds);
            }
            return String.format(Locale.ROOT, stalled ? "NOT exact: no change for the last stretch, %.0f s after the "
                    + "probe stopped" : "NOT exact yet: still counting when the wait ended, %.0f s after the probe "
                    + "stopped (a shortfall here is a backlog, not proven lost)", seconds);
        }
    }

    private final Duration stall;
    private final Duration limit;

    Settling(Duration stall, Duration limit) {
        this.stall = stall;
        this.limit = limit;
    }

    Outcome await(Supplier<ExactCounts> read) throws InterruptedException {
        long start = System.nanoTime();
        long changed = start;
        ExactCounts counts = read.get();
        while (!counts.exact()) {
            long now = System.nanoTime();
            if (now - changed > stall.toNanos()) {
                return new Outcome(counts, (now - start) / 1e9, true);
            }
            if (now - start > limit.toNanos()) {
                return new Outcome(counts, (now - start) / 1e9, false);
            }
            Thread.sleep(2_000);
            ExactCounts next = read.get();
            if (!next.equals(counts)) {
                changed = System.nanoTime();
            }
            counts = next;
        }
        return new Outcome(counts, (System.nanoTime() - start) / 1e9, false);
    }
}
