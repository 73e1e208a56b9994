package io.reescreen.bench.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayLatenciesTest {

    @Test
    void latencyIsShownMinusCommittedAndTheQuantilesAreNearestRank() {
        Map<String, Double> committed = new LinkedHashMap<>();
        Map<String, Double> shown = new LinkedHashMap<>();
        // 100 alerts shown 1..100 ms after their commit, in shuffled order of ids
        for (int i = 1; i <= 100; i++) {
            committed.put("a" + i, 1_000_000.0 + 10 * i);
            shown.put("a" + i, 1_000_000.0 + 10 * i + ((i * 37) % 100 + 1));
        }
        DisplayLatencies latencies = DisplayLatencies.pair(committed, shown);

        assertEquals(100, latencies.shown());
        assertArrayEquals(new double[] {50.5, 90, 99, 100}, latencies.medianP90P99MaxMs(), 1e-9);
    }

    @Test
    void anAlertNeverShownIsCountedAsMissingNotDropped() {
        Map<String, Double> committed = Map.of("seen", 1000.0, "lost", 1010.0);
        Map<String, Double> shown = Map.of("seen", 1250.0, "other-run", 1300.0);

        DisplayLatencies latencies = DisplayLatencies.pair(committed, shown);

        assertEquals(List.of("lost"), latencies.notShown());
        assertEquals("| 1 / 2 | 250 | 250 | 250 | 250 |", latencies.row());
    }

    @Test
    void noAlertShownGivesNoFiguresRatherThanZeros() {
        DisplayLatencies latencies = DisplayLatencies.pair(Map.of("a", 1.0), Map.of());

        assertEquals("| 0 / 1 | NaN | NaN | NaN | NaN |", latencies.row());
    }
}
