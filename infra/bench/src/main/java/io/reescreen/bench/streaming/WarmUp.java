package io.reescreen.bench.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When a topology is warm: its last two warm-up rounds' throughputs agree within {@link #TOLERANCE} of the larger.
 * A fixed warm-up was not enough in a cold JVM (the throughput kept climbing through the measured repetitions).
 */
final class WarmUp {

    /** Relative difference of two consecutive rounds under which the throughput counts as settled. */
    static final double TOLERANCE = 0.10;
    /** Rounds at most, whether or not they settle (the report then says so in the progress line). */
    static final int MAX_ROUNDS = 5;

    private final List<Double> rates = new ArrayList<>();

    void add(double readingsPerSecond) {
        rates.add(readingsPerSecond);
    }

    int rounds() {
        return rates.size();
    }

    /** Two rounds in a row within {@link #TOLERANCE} of each other. */
    boolean stable() {
        int n = rates.size();
        if (n < 2) {
            return false;
        }
        double a = rates.get(n - 2);
        double b = rates.get(n - 1);
        return Math.abs(a - b) <= TOLERANCE * Math.max(a, b);
    }

    @Override
    public String toString() {
        String list = rates.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r)).collect(Collectors.joining(", "));
        return list + " readings/s" + (stable() ? "" : " (not settled)");
    }
}
