package io.reescreen.launcher.dlq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.launcher.dlq.DeadLetters.Reason;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The original of a dead letter: the copy itself when whole; re-read from the source topic when truncated. */
class OriginalRecordsTest {

    private static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");
    private static final TopicPartition SOURCE = new TopicPartition("xrf.readings", 2);
    /** A reading of 2,000 bytes, cut to fit under 1,000 bytes (the cut is the same at 1,000,000). */
    private static final byte[] ORIGINAL = new byte[2_000];

    static {
        Arrays.fill(ORIGINAL, (byte) 7);
    }

    private final MockConsumer<byte[], byte[]> source = new MockConsumer<>(OffsetResetStrategy.NONE);
    private final OriginalRecords originals = new OriginalRecords(source, Duration.ofSeconds(2));

    @Test
    void aWholeCopyIsReadmittedWithTheOriginalHeadersAndWhereItCameFrom() {
        Headers original = new RecordHeaders().add("trace", HeaderText.utf8("t-1"))
                .add("reescreen.source.offset", HeaderText.utf8("9"));
        Headers headers = DlqHeaders.of(original, Reason.UNKNOWN_LOT, "no lot", "xrf.readings", 2, 41, AT);
        headers.add("reescreen.dlq.source.timestamp", HeaderText.utf8("1700000000000"));
        ConsumerRecord<byte[], byte[]> letter = DeadLetters.record(5, "L-1", "v".getBytes(StandardCharsets.UTF_8),
                headers, AT.toEpochMilli());

        OriginalRecords.Resolution r = originals.resolve(letter);

        assertTrue(r.replayable());
        assertArrayEquals("L-1".getBytes(StandardCharsets.UTF_8), r.readmission().key());
        assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), r.readmission().value());
        assertEquals(1_700_000_000_000L, r.readmission().timestampMs(), "the source's timestamp");
        assertEquals(Map.of("trace", "t-1", OriginalRecords.REPLAY_OF, "xrf.readings.dlq/0/5"),
                texts(r.readmission().headers()), "no dead-letter or transport headers");
    }

    @Test
    void aTruncatedCopyIsReadmittedFromTheSourceTopicWhenStillRetained() {
        ConsumerRecord<byte[], byte[]> letter = truncated(41);
        source.updateBeginningOffsets(Map.of(SOURCE, 10L));
        source.updateEndOffsets(Map.of(SOURCE, 50L));
        source.schedulePollTask(() -> source.addRecord(new ConsumerRecord<>(SOURCE.topic(), SOURCE.partition(), 41L,
                "L-1".getBytes(StandardCharsets.UTF_8), ORIGINAL)));

        OriginalRecords.Resolution r = originals.resolve(letter);

        assertTrue(r.replayable(), r.detail());
        assertArrayEquals(ORIGINAL, r.readmission().value(), "the whole original, not the cut copy");
        assertEquals("xrf.readings.dlq/0/3", texts(r.readmission().headers()).get(OriginalRecords.REPLAY_OF));
    }

    @Test
    void aTruncatedCopyWhoseOriginalRetentionDeletedIsNotReplayable() {
        ConsumerRecord<byte[], byte[]> letter = truncated(41);
        source.updateBeginningOffsets(Map.of(SOURCE, 42L));
        source.updateEndOffsets(Map.of(SOURCE, 50L));

        OriginalRecords.Resolution r = originals.resolve(letter);

        assertFalse(r.replayable());
        assertNull(r.readmission());
        assertEquals(OriginalRecords.SOURCE_GONE, r.notReplayable());
        assertTrue(r.detail().contains("xrf.readings-2@41 is outside the retained offsets 42..50"), r.detail());
    }

    @Test
    void aTruncatedCopyWhoseSourcePositionHoldsAnotherRecordIsNotReplayable() {
        ConsumerRecord<byte[], byte[]> letter = truncated(41);
        source.updateBeginningOffsets(Map.of(SOURCE, 0L));
        source.updateEndOffsets(Map.of(SOURCE, 50L));
        source.schedulePollTask(() -> source.addRecord(new ConsumerRecord<>(SOURCE.topic(), SOURCE.partition(), 41L,
                "L-1".getBytes(StandardCharsets.UTF_8), "something else".getBytes(StandardCharsets.UTF_8))));

        OriginalRecords.Resolution r = originals.resolve(letter);

        assertEquals(OriginalRecords.SOURCE_DIFFERS, r.notReplayable(), r.detail());
    }

    @Test
    void aTruncatedCopyWithoutASourcePositionIsNotReplayable() {
        assertEquals(OriginalRecords.NO_SOURCE_POSITION, originals.resolve(truncated(-1)).notReplayable());
    }

    /** The dead letter DeadLetter.fitted makes of ORIGINAL under a 1,000-byte limit, at xrf.readings.dlq offset 3. */
    private static ConsumerRecord<byte[], byte[]> truncated(long sourceOffset) {
        DeadLetter copy = DeadLetter.fitted("L-1".getBytes(StandardCharsets.UTF_8), ORIGINAL,
                DeadLetters.headers(Reason.UNKNOWN_LOT, AT, SOURCE.partition(), sourceOffset), 1_000);
        assertTrue(copy.truncated() && copy.value().length < ORIGINAL.length, "the copy is cut");
        return DeadLetters.record(3, "L-1", copy.value(), copy.headers(), AT.toEpochMilli());
    }

    private static Map<String, String> texts(Headers headers) {
        Map<String, String> out = new java.util.HashMap<>();
        headers.forEach(h -> out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return out;
    }
}
