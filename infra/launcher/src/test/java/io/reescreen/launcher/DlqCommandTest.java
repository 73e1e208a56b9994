package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@code dlq} refuses before it connects to anything, and says why (exit 2). */
class DlqCommandTest {

    private final CapturedRun reescreen = new CapturedRun();

    private int run(String... args) {
        return reescreen.run(args);
    }

    private String err() {
        return reescreen.err();
    }

    @Test
    void replayNeedsAReasonAndAStart() {
        assertEquals(2, run("dlq", "replay", "--from", "2026-11-20", "--bootstrap-servers", "x:1"));
        assertTrue(err().contains("--reason is required"), err());
        assertEquals(2, run("dlq", "replay", "--reason", "UNKNOWN_LOT", "--bootstrap-servers", "x:1"));
        assertTrue(err().contains("--from is required"), err());
    }

    @Test
    void aTimeWithoutAZoneIsRefusedNotGuessed() {
        assertEquals(2, run("dlq", "replay", "--reason", "UNKNOWN_LOT", "--from", "2026-11-20T08:00",
                "--bootstrap-servers", "x:1"));
        assertTrue(err().contains("add a zone"), err());
    }

    @Test
    void refusedReleasesAndHeldLabResultsAreNotReplayed() {
        assertEquals(2, run("dlq", "replay", "--topic", "models.releases.dlq", "--reason", "CORRUPT", "--from",
                "beginning", "--bootstrap-servers", "x:1"));
        assertTrue(err().contains("models.releases.dlq is not replayed: a refused release"), err());
        assertEquals(2, run("dlq", "replay", "--topic", "lab.results.held", "--reason", "OUTSIDE_SERVED_PREDICTION",
                "--from", "beginning", "--bootstrap-servers", "x:1"));
        assertTrue(err().contains("POST /retrain/held/{id}/accept"), err());
    }

    @Test
    void anUnknownTopicOrSubCommandIsAUsageError() {
        assertEquals(2, run("dlq", "stats", "--topic", "xrf.readings", "--bootstrap-servers", "x:1"));
        assertTrue(err().contains("'xrf.readings' is not a dead-letter topic; one of xrf.readings.dlq, lots.dlq"), err());
        assertEquals(2, run("dlq", "replays"));
        assertTrue(err().contains("unknown dlq command 'replays'"), err());
        assertEquals(2, run("dlq", "replay", "--reason", "R", "--from", "beginning", "--per-transaction", "0",
                "--bootstrap-servers", "x:1"));
        assertTrue(err().contains("--per-transaction must be at least 1"), err());
    }
}
