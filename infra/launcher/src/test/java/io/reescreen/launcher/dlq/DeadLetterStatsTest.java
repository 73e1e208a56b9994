package io.reescreen.launcher.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.launcher.dlq.DeadLetters.Reason;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadLetterStatsTest {

    private static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void countsByReasonWithFirstAndLastTimeTruncatedAndReplayedCopiesAndTheLotsWithMost() {
        DeadLetterStats stats = new DeadLetterStats(DeadLetterTopic.XRF_READINGS,
                DeadLetterFilter.all(ReplayWindow.parse("2026-11-20", null)),
                ReplayLedger.of(Set.of("xrf.readings.dlq/0/0", "xrf.readings.dlq/0/2", "lots.dlq/0/1")));
        stats.add(DeadLetters.record(0, "L-1", Reason.UNKNOWN_LOT, AT.minusSeconds(86_400))); // before the window
        stats.add(DeadLetters.record(1, "L-1", Reason.UNKNOWN_LOT, AT));
        stats.add(DeadLetters.record(2, "L-1", Reason.UNKNOWN_LOT, AT.plusSeconds(60)));
        stats.add(DeadLetters.record(3, "L-2", Reason.MISSING_ANALYTE, AT.plusSeconds(30)));
        DeadLetter cut = DeadLetter.fitted("L-3".getBytes(StandardCharsets.UTF_8), new byte[5_000],
                DeadLetters.headers(Reason.MISSING_ANALYTE, AT.plusSeconds(90), 0, 9), 1_000);
        stats.add(DeadLetters.record(4, "L-3", cut.value(), cut.headers(), AT.plusSeconds(90).toEpochMilli()));

        assertEquals(4, stats.count());
        assertEquals(2, stats.count("UNKNOWN_LOT"));
        assertEquals(2, stats.count("MISSING_ANALYTE"));
        assertEquals(1, stats.truncated());
        assertEquals(1, stats.replayed(), "offset 0 is outside the window; lots.dlq/0/1 is another topic's");
        assertEquals(List.of(Map.entry("L-1", 2L), Map.entry("L-2", 1L), Map.entry("L-3", 1L)), stats.topLots());
        String table = stats.format();
        assertTrue(table.contains("xrf.readings.dlq       4 dead letters, 1 truncated, 1 replayed, "
                + "2026-11-20T08:00:00Z .. 2026-11-20T08:01:30Z"), table);
        assertTrue(table.matches("(?s).*MISSING_ANALYTE +2  2026-11-20T08:00:30Z  2026-11-20T08:01:30Z.*"), table);
        assertTrue(table.matches("(?s).*UNKNOWN_LOT +2  2026-11-20T08:00:00Z  2026-11-20T08:01:00Z.*"), table);
        assertTrue(table.contains("top lots                 L-1 2, L-2 1, L-3 1 (3 lots)"), table);
    }
}
