package io.reescreen.launcher.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.launcher.dlq.DeadLetters.Reason;
import io.reescreen.replay.ReplayWindow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

    private static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

    private static DeadLetterFilter filter(String reason, String from, String to, String lot) {
        return new DeadLetterFilter(Optional.ofNullable(reason), ReplayWindow.parse(from, to), Optional.ofNullable(lot));
    }

    @Test
    void aReasonMatchesItsOwnDeadLettersOnlyInAnyCase() {
        DeadLetterFilter f = filter("unknown_lot", "beginning", null, null);
        assertTrue(f.matches(DeadLetters.record(0, "L-1", Reason.UNKNOWN_LOT, AT)));
        assertFalse(f.matches(DeadLetters.record(1, "L-1", Reason.MISSING_ANALYTE, AT)));
        assertFalse(f.matches(DeadLetters.record(2, "L-1", "v".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), AT.toEpochMilli())), "a record without a reason header");
    }

    @Test
    void theWindowIncludesFromAndExcludesToByDeadLetterTime() {
        DeadLetterFilter f = filter(null, "2026-11-20T08:00:00Z", "2026-11-20T09:00:00Z", null);
        assertTrue(f.matches(DeadLetters.record(0, "L-1", Reason.UNKNOWN_LOT, AT)));
        assertTrue(f.matches(DeadLetters.record(1, "L-1", Reason.UNKNOWN_LOT, AT.plusSeconds(3599))));
        assertFalse(f.matches(DeadLetters.record(2, "L-1", Reason.UNKNOWN_LOT, AT.minusMillis(1))));
        assertFalse(f.matches(DeadLetters.record(3, "L-1", Reason.UNKNOWN_LOT, AT.plusSeconds(3600))));
    }

    @Test
    void theDeadLetterTimeHeaderWinsOverTheRecordTimestamp() {
        // lab.results.dlq keeps the source's timestamp: here 1970, while the record was dead-lettered at AT
        var record = DeadLetters.record(0, "L-1", "v".getBytes(StandardCharsets.UTF_8),
                DeadLetters.headers(Reason.UNKNOWN_LOT, AT, 0, 0), 0L);
        assertEquals(AT, DeadLetterFilter.deadLetteredAt(record));
        assertTrue(filter(null, "2026-11-20", null, null).matches(record));
        var noHeader = DeadLetters.record(1, "L-1", null, new RecordHeaders(), AT.toEpochMilli());
        assertEquals(AT, DeadLetterFilter.deadLetteredAt(noHeader), "the record timestamp without the header");
    }

    @Test
    void aLotMatchesTheRecordKeyExactly() {
        DeadLetterFilter f = filter(null, "beginning", null, "L-1");
        assertTrue(f.matches(DeadLetters.record(0, "L-1", Reason.UNKNOWN_LOT, AT)));
        assertFalse(f.matches(DeadLetters.record(1, "L-10", Reason.UNKNOWN_LOT, AT)));
        assertFalse(f.matches(DeadLetters.record(2, null, "v".getBytes(StandardCharsets.UTF_8),
                DeadLetters.headers(Reason.UNKNOWN_LOT, AT, 0, 2), AT.toEpochMilli())), "no key");
    }

    @Test
    void reasonTimeAndLotMustAllMatch() {
        DeadLetterFilter f = filter("UNKNOWN_LOT", "2026-11-20", "2026-11-21", "L-1");
        assertTrue(f.matches(DeadLetters.record(0, "L-1", Reason.UNKNOWN_LOT, AT)));
        assertFalse(f.matches(DeadLetters.record(1, "L-2", Reason.UNKNOWN_LOT, AT)));
        assertFalse(f.matches(DeadLetters.record(2, "L-1", Reason.MISSING_ANALYTE, AT)));
        assertFalse(f.matches(DeadLetters.record(3, "L-1", Reason.UNKNOWN_LOT, AT.plusSeconds(86_400))));
    }

    @Test
    void onlyTheTopicsWhoseRecordsCanGoBackAreReplayable() {
        assertTrue(DeadLetterTopic.named("xrf.readings.dlq").whyNotReplayable().isEmpty());
        assertEquals("xrf.readings", DeadLetterTopic.named("xrf.readings.dlq").source());
        assertEquals("lots", DeadLetterTopic.named("lots.dlq").source());
        assertEquals("lab.results", DeadLetterTopic.named("lab.results.dlq").source());
        assertTrue(DeadLetterTopic.named("models.releases.dlq").whyNotReplayable().isPresent());
        assertTrue(DeadLetterTopic.named("lab.results.held").whyNotReplayable().isPresent());
    }
}
