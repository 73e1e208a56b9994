package io.reescreen.screener.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.screener.deadletter.StagedReading;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.TestSerdes;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decode stage alone, on a MockProcessorContext: bytes in, an XrfReading or a dead letter out. */
class ReadingDecodeStageTest {

    private static final byte[] KEY = "L-1".getBytes(StandardCharsets.UTF_8);
    private static final long NOW_MS = 1_750_000_000_000L;

    private final InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
    private MockProcessorContext<byte[], StagedReading<XrfReading>> context;
    private ReadingDecodeStage stage;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setRecordMetadata("xrf.readings", 2, 41L);
        context.setCurrentSystemTimeMs(NOW_MS);
        stage = new ReadingDecodeStage(ReadingDecoder.bare(), metrics);
        stage.init(context);
    }

    @Test
    void aReadingGoesOnDecodedWithItsOriginalKeyHeadersAndBytes() {
        XrfReading reading = Readings.oxides("L-1", "R-1", Readings.typicalWtPct()).build();
        byte[] value = TestSerdes.READING.toBytes(reading);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", HeaderText.utf8("t-1"));

        stage.process(new Record<>(KEY, value, 5L, headers));

        var out = context.forwarded().get(0).record();
        assertEquals(1, context.forwarded().size());
        assertEquals(reading, out.value().value());
        assertSame(value, out.value().originalValue(), "the original bytes travel on for a later stage's dead letter");
        assertSame(KEY, out.key());
        assertEquals(5L, out.timestamp());
        assertEquals("t-1", HeaderText.of(out.headers(), "trace").orElseThrow());
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.READINGS_RECEIVED));
    }

    @Test
    void bytesThatAreNoXrfReadingBecomeAnUndecodableDeadLetterOfTheSameBytes() {
        byte[] json = "{\"readingId\":\"R-1\"}".getBytes(StandardCharsets.UTF_8);

        stage.process(new Record<>(KEY, json, 5L));

        var dead = context.forwarded().get(0).record();
        assertTrue(dead.value().isDeadLetter());
        assertNull(dead.value().value());
        assertArrayEquals(json, dead.value().deadLetterValue());
        assertArrayEquals(KEY, dead.key());
        assertEquals(DlqReason.UNDECODABLE.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertEquals("xrf.readings", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_TOPIC));
        assertEquals("2", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_PARTITION));
        assertEquals("41", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_OFFSET));
        assertEquals(NOW_MS, dead.timestamp(), "stamped when dead-lettered");
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.dlqCounter(DlqReason.UNDECODABLE)));
    }

    @Test
    void aTombstoneIsDeadLetteredNotDropped() {
        stage.process(new Record<>(KEY, null, 5L));

        var dead = context.forwarded().get(0).record();
        assertTrue(dead.value().isDeadLetter());
        assertEquals(DlqReason.UNDECODABLE.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertTrue(DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL).contains("tombstone"),
                DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL));
    }

    @Test
    void aRegistryThatCannotBeReachedGivesRegistryUnavailableNotUndecodable() {
        ReadingDecodeStage offline = new ReadingDecodeStage(ReadingDecoder.framed(id -> {
            throw new ReadingDecoder.RegistryUnavailable(id, new java.net.ConnectException("Connection refused"));
        }, java.time.Duration.ZERO), metrics);
        offline.init(context);
        byte[] framed = new byte[] {0, 0, 0, 0, 7, 2, 65};

        offline.process(new Record<>(KEY, framed, 5L));

        var dead = context.forwarded().get(0).record();
        assertEquals(DlqReason.REGISTRY_UNAVAILABLE.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertArrayEquals(framed, dead.value().deadLetterValue());
    }
}
