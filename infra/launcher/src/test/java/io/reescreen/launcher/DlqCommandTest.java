package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code dlq} refuses before it connects to anything, and says why (exit 2). */
class DlqCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
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
