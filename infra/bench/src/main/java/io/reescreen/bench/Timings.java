package io.reescreen.bench;

import java.util.Arrays;
import java.util.Locale;

/** Repeated wall-clock measurements and their order statistics; nothing here asserts a budget. */
public final class Timings {

    private final double[] seconds;

    private Timings(double[] seconds) {
        this.seconds = seconds.clone();
        Arrays.sort(this.seconds);
    }

    public static Timings of(double[] seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        return new Timings(seconds);
    }

    /** Runs {@code task} {@code warmup} times unmeasured, then {@code runs} times measured. */
    public static Timings measure(int warmup, int runs, Runnable task) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return of(seconds);
    }

    public int count() {
        return seconds.length;
    }

    /** Nearest-rank quantile, q in [0, 1]. */
    public double quantileSeconds(double q) {
        int index = (int) Math.ceil(q * seconds.length) - 1;
        return seconds[Math.max(0, Math.min(seconds.length - 1, index))];
    }

    public double medianSeconds() {
        int mid = seconds.length / 2;
        return seconds.length % 2 == 1 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
    }

    public double minSeconds() {
        return seconds[0];
    }

    public double maxSeconds() {
        return seconds[seconds.length - 1];
    }

    /** e.g. "median 1.23 ms (min 1.01, p90 1.80, max 2.50; 200 runs)". */
    public String describeMillis() {
        return String.format(Locale.ROOT, "median %.3f ms (min %.3f, p90 %.3f, max %.3f; %d runs)", 1e3 * medianSeconds(),
                1e3 * minSeconds(), 1e3 * quantileSeconds(0.9), 1e3 * maxSeconds(), count());
    }

    public String describeSeconds() {
        return String.format(Locale.ROOT, "median %.2f s (min %.2f, max %.2f; %d runs)", medianSeconds(), minSeconds(),
                maxSeconds(), count());
    }
}
