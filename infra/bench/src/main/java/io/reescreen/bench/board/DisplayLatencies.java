package io.reescreen.bench.board;

import io.reescreen.bench.Timings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Commit-to-display latencies of alerts: for each alert, when its transaction committed on {@code ree.alerts} (the
 * producer's clock) and when its card appeared in the browser (the page's clock; both are the machine's wall clock).
 * An alert never shown is counted, not dropped.
 *
 * @param latenciesMs shown minus committed, in ms, one per alert shown
 * @param notShown    alerts committed whose card never appeared
 */
record DisplayLatencies(double[] latenciesMs, List<String> notShown) {

    /** Pairs the two clocks' readings by alert id; both in ms since the Unix epoch. */
    static DisplayLatencies pair(Map<String, Double> committedAtMs, Map<String, Double> shownAtMs) {
        List<Double> latencies = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        committedAtMs.forEach((alertId, committed) -> {
            Double shown = shownAtMs.get(alertId);
            if (shown == null) {
                missing.add(alertId);
            } else {
                latencies.add(shown - committed);
            }
        });
        return new DisplayLatencies(latencies.stream().mapToDouble(Double::doubleValue).toArray(), List.copyOf(missing));
    }

    int shown() {
        return latenciesMs.length;
    }

    /** Median, p90, p99 (nearest rank) and max, in ms. */
    double[] medianP90P99MaxMs() {
        if (latenciesMs.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        double[] seconds = new double[latenciesMs.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = latenciesMs[i] / 1e3;
        }
        Timings t = Timings.of(seconds);
        return new double[] {1e3 * t.medianSeconds(), 1e3 * t.quantileSeconds(0.9), 1e3 * t.quantileSeconds(0.99),
                1e3 * t.maxSeconds()};
    }

    /** A Markdown table row: shown/committed, median, p90, p99, max (ms). */
    String row() {
        double[] q = medianP90P99MaxMs();
        return String.format(Locale.ROOT, "| %d / %d | %.0f | %.0f | %.0f | %.0f |", shown(), shown() + notShown.size(),
                q[0], q[1], q[2], q[3]);
    }
}
