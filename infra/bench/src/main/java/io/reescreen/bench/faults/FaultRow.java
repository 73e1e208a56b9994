package io.reescreen.bench.faults;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line of the faults table: a scenario, how many times the fault was made, the exact counts after it (absent
 * where the scenario checks something else, said in {@code check}), and named times in seconds, one per run.
 */
record FaultRow(String scenario, int runs, ExactCounts counts, String deadLettered, String check,
                List<NamedTimes> times) {

    /** A row without dead-letter figures (the scenario does not send readings). */
    FaultRow(String scenario, int runs, ExactCounts counts, String check, List<NamedTimes> times) {
        this(scenario, runs, counts, null, check, times);
    }

    /** e.g. "kill → output" with one figure per run, in seconds. */
    record NamedTimes(String name, List<Double> seconds) {

        double median() {
            List<Double> sorted = seconds.stream().sorted().toList();
            int mid = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
        }

        String describe() {
            if (seconds.isEmpty()) {
                return name + ": —";
            }
            return String.format(Locale.ROOT, "%s: median %.1f s (%s)", name, median(), seconds.stream()
                    .map(s -> String.format(Locale.ROOT, "%.1f", s)).collect(Collectors.joining(", ")));
        }
    }

    String markdown() {
        String countCells = counts == null ? "— | — | — | — | —" : counts.sent() + " | " + counts.expected() + " | "
                + counts.seen() + " | " + counts.lost() + " | " + counts.duplicated();
        String timeCell = times.isEmpty() ? "—"
                : times.stream().map(NamedTimes::describe).collect(Collectors.joining("; "));
        return "| " + scenario + " | " + runs + " | " + countCells + " | " + (deadLettered == null ? "—" : deadLettered)
                + " | " + check + " | " + timeCell + " |";
    }

    /** The line printed as the scenario ends. */
    String line() {
        return scenario + ": " + runs + " run(s); sent/expected/seen/lost/duplicated "
                + (counts == null ? "—" : counts.toString())
                + (deadLettered == null ? "" : "; dead-lettered " + deadLettered) + "; " + check
                + (times.isEmpty() ? "" : "; " + times.stream().map(NamedTimes::describe).collect(Collectors.joining("; ")));
    }
}
