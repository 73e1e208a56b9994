package io.reescreen.bench.beforeafter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BeforeAfterTest {

    /** A bench model report cut down to an accuracy table and its (d) timings. */
    private static String model(double batch1Ms, int lotsPerSecond, double perLotMs) {
        return """
                # Model benchmark

                ## (a) Base model

                | rows | n | R² |
                |---|---|---|
                | Polish fly ashes | 12 | -1.259 |

                ## (d) Timings on cpu()

                | what | measured |
                |---|---|
                | per-lot prediction, batch 1 (target < 2 ms) | median %s ms (min 0.917, p90 2.323, max 364.856; 1000 runs) |
                | throughput at batch 64 | %d lots/s (%s ms per lot; batch median 97.497 ms (min 73.583; 30 runs)) |
                | throughput at batch 1024 | 629 lots/s (1.589 ms per lot; batch median 1626.972 ms (min 1517.401; 8 runs)) |
                """.formatted(batch1Ms, lotsPerSecond, perLotMs);
    }

    @Test
    void beforeAfterMergesFourReportsIntoMediansWithRanges() {
        String table = BeforeAfter.table(List.of(model(1.4, 650, 1.5), model(1.6, 700, 1.3)),
                List.of(model(0.40, 3000, 0.32), model(0.30, 3400, 0.28)), Pattern.compile("\\(d\\)"));

        List<String> rows = table.lines().toList();
        assertEquals("| figure | old: median (min–max), 2 runs | new: median (min–max), 2 runs | new / old |", rows.get(0));
        assertTrue(rows.contains("| per-lot prediction, batch 1 (target < 2 ms), ms | 1.50 (1.40–1.60) "
                + "| 0.350 (0.300–0.400) | 0.23 |"), table);
        assertTrue(rows.contains("| throughput at batch 64, lots/s | 675 (650–700) | 3,200 (3,000–3,400) | 4.74 |"), table);
        assertTrue(rows.contains("| throughput at batch 64, ms per lot | 1.40 (1.30–1.50) | 0.300 (0.280–0.320) | 0.21 |"),
                table);
        assertTrue(rows.contains("| throughput at batch 1024, lots/s | 629 (629–629) | 629 (629–629) | 1.00 |"), table);
        assertEquals(2 + 5, rows.size(), "header, separator and five figures of (d) only (not the R² of (a)):\n" + table);
    }

    private static String streaming(int screener, int pass, String halfRate, String latency) {
        return """
                # Streaming benchmark

                | measurement | screener | pass-through | screener / pass-through | target |
                |---|---:|---:|---:|---|
                | sustained throughput, readings/s (median of 3; min–max) | %,d (1,036–2,118) | %,d (13,906–28,886) | 7 %% | ≥ 50 %% ✘ |
                | latency at %s/s (half the screener's throughput), commit.interval.ms=100 (default) | %s (21,300 of 21,300; 705/s drained) | — | | p99 < 50 ms ✘ |
                """.formatted(screener, pass, halfRate, latency);
    }

    @Test
    void latencyCellsGiveP50P99AndMaxAndARateThatVariesBetweenRunsStillMatches() {
        String table = BeforeAfter.table(List.of(streaming(1422, 21352, "710", "167 / 222 / 259 ms")),
                List.of(streaming(6000, 20000, "3,000", "60 / 130 / 150 ms")), null);

        List<String> rows = table.lines().toList();
        assertTrue(rows.contains("| sustained throughput, readings/s (median of 3; min–max): screener | 1,422 | 6,000 | 4.22 |"),
                table);
        assertTrue(rows.contains("| latency at {710, 3,000}/s (half the screener's throughput), commit.interval.ms=100 "
                + "(default): screener p99, ms | 222 | 130 | 0.59 |"), table);
        assertTrue(table.lines().noneMatch(l -> l.contains(": target")), "the target column is not a figure:\n" + table);
    }

    @Test
    void aFigureInOnlyOneBuildsReportIsShownWithADash() {
        String extra = model(0.3, 3000, 0.3) + "| throughput at batch 64, Java forward | 5000 lots/s (0.200 ms per lot) |\n";

        String table = BeforeAfter.table(List.of(model(1.4, 650, 1.5)), List.of(extra), Pattern.compile("\\(d\\)"));

        assertTrue(table.lines().anyMatch(l -> l.equals("| throughput at batch 64, Java forward, lots/s | — | 5,000 | — |")),
                table);
    }
}
