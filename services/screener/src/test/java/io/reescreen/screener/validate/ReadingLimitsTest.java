package io.reescreen.screener.validate;

import io.reescreen.screener.reasons.DlqReason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.deadletter.ReadingDeadLetter;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.testing.TestSerdes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bounds on what a reading may carry into the screener's stores and outputs: its size (a dead-letter copy must
 * fit under the record limit), its ids, and its timestamps (which travel on to every output record).
 */
class ReadingLimitsTest {

    private static ScreenerHarness screener;

    @BeforeAll
    static void start() {
        screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained());
    }

    @AfterAll
    static void stop() {
        screener.close();
    }

    @Test
    void aReadingNearTheSizeLimitIsDeadLetteredCutWithItsSizeAndDigestAndTheNextReadingStillCounts() throws Exception {
        byte[] huge = new byte[1_048_000];
        Arrays.fill(huge, (byte) 'X');
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "near-limit".getBytes(StandardCharsets.UTF_8));
        screener.readings.pipeInput(new TestRecord<>(bytes("L-BIG"), huge, headers, ScreenerHarness.RECORD_TIME));
        screener.send(Readings.oxides("L-BIG", "R-after", Readings.typicalWtPct()).build());

        TestRecord<byte[], byte[]> dead = screener.dlq.readRecord();
        assertEquals(DlqReason.UNDECODABLE.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertTrue(DeadLetter.estimatedBytes(dead.key(), dead.value(), dead.headers()) <= DeadLetter.DEFAULT_MAX_RECORD_BYTES,
                "the copy fits under the limit");
        assertEquals("true", DlqHeaders.text(dead.headers(), DeadLetter.TRUNCATED));
        assertEquals("1048000", DlqHeaders.text(dead.headers(), DeadLetter.ORIGINAL_VALUE_BYTES));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(huge)),
                DlqHeaders.text(dead.headers(), DeadLetter.ORIGINAL_VALUE_SHA256));
        assertArrayEquals(Arrays.copyOf(huge, dead.value().length), dead.value(), "the copy is the original's head");
        assertArrayEquals(bytes("L-BIG"), dead.key());
        assertEquals("near-limit", DlqHeaders.text(dead.headers(), "trace-id"));
        assertEquals(1, screener.compositions.readValuesToList().size(), "the next reading is counted");
        screener.predictions.readValuesToList();
    }

    @Test
    void aSmallDeadLetterIsNotCut() {
        screener.send("L-SMALL", "junk".getBytes(StandardCharsets.UTF_8));
        TestRecord<byte[], byte[]> dead = screener.dlq.readRecord();
        assertArrayEquals("junk".getBytes(StandardCharsets.UTF_8), dead.value());
        assertEquals(null, DlqHeaders.text(dead.headers(), DeadLetter.TRUNCATED));
    }

    @Test
    void idsLongerThan256BytesAreDeadLetteredAsIdTooLong() {
        String longLot = "L-" + "é".repeat(128); // 258 UTF-8 bytes in 130 characters
        assertReason(DlqReason.ID_TOO_LONG, "lotId is 258 bytes long",
                Readings.oxides(longLot, "R-1", Readings.typicalWtPct()).build());
        assertReason(DlqReason.ID_TOO_LONG, "readingId is 300 bytes long",
                Readings.oxides("L-ID", "R".repeat(300), Readings.typicalWtPct()).build());
        assertReason(DlqReason.ID_TOO_LONG, "analyzerId is 65536 bytes long",
                Readings.oxides("L-ID", "R-2", Readings.typicalWtPct()).setAnalyzerId("A".repeat(65_536)).build());
        // exactly at the bound is fine
        screener.send(Readings.oxides("L-" + "x".repeat(254), "R-" + "y".repeat(254), Readings.typicalWtPct())
                .setAnalyzerId("A".repeat(256)).build());
        assertTrue(screener.dlq.isEmpty());
        assertEquals(1, screener.compositions.readValuesToList().size());
        screener.predictions.readValuesToList();
    }

    @Test
    void idsWithControlCharactersAreDeadLetteredAsInvalidId() {
        // "A" + U+0000 + "B" as a lot would share dedupe keys with lot "A" (the store joins lot and reading with U+0000)
        assertReason(DlqReason.INVALID_ID, "U+0000 at index 1",
                Readings.oxides("A\u0000B", "R-1", Readings.typicalWtPct()).build());
        assertReason(DlqReason.INVALID_ID, "readingId 'R\\u001B[31m' contains the control character U+001B",
                Readings.oxides("L-CTL", "R\u001B[31m", Readings.typicalWtPct()).build());
    }

    @Test
    void aLotWhoseSiteIdIsTooLongIsDeadLetteredOnLotsDlqAndNeverReachesItsReadingsOrTheAggregateStore() {
        screener.lots.pipeInput("L-SITE", LotInfo.newBuilder().setLotId("L-SITE").setSiteId("S".repeat(70_000))
                .setUpdatedAt(ScreenerHarness.RECORD_TIME).build());
        TestRecord<byte[], byte[]> deadLot = screener.lotsDlq.readRecord();
        assertEquals("ID_TOO_LONG", DlqHeaders.text(deadLot.headers(), DlqHeaders.REASON));
        screener.send(Readings.oxides("L-SITE", "R-1", Readings.typicalWtPct()).build());
        assertTrue(screener.dlq.isEmpty(), "the reading is screened as a lot without metadata");
        LotComposition composition = screener.compositions.readValue();
        assertTrue(composition.getSiteId() == null || composition.getSiteId().length() <= 256, "no long site id");
        screener.predictions.readValuesToList();
    }

    @Test
    void sampledAtBeforeTheEarliestAcceptedInstantIsDeadLetteredAsEarlyTimestamp() {
        assertReason(DlqReason.EARLY_TIMESTAMP, "sampledAt -292275055-05-16T16:47:04.192Z",
                Readings.oxides("L-OLD", "R-1", Readings.typicalWtPct()).setSampledAt(Instant.ofEpochMilli(Long.MIN_VALUE))
                        .build());
        assertReason(DlqReason.EARLY_TIMESTAMP, "is before 2000-01-01T00:00:00Z",
                Readings.oxides("L-OLD", "R-2", Readings.typicalWtPct()).setSampledAt(Instant.EPOCH).build());
    }

    @Test
    void anAbsurdRecordTimestampIsDeadLetteredAndTheDeadLetterCarriesTheTimeItWasDeadLettered() {
        XrfReading r = Readings.oxides("L-TS", "R-1", Readings.typicalWtPct()).build();
        Instant year2999 = Instant.parse("2999-01-01T00:00:00Z");
        screener.readings.pipeInput(new TestRecord<>(bytes("L-TS"), TestSerdes.READING.toBytes(r), year2999));
        TestRecord<byte[], byte[]> dead = screener.dlq.readRecord();
        assertEquals(DlqReason.FUTURE_TIMESTAMP.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertTrue(DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL).startsWith("the record timestamp 2999-01-01"),
                DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL));
        assertEquals(ScreenerHarness.WALL_CLOCK, dead.getRecordTime(), "stamped when dead-lettered, not in 2999");
        assertEquals(Long.toString(year2999.toEpochMilli()),
                DlqHeaders.text(dead.headers(), ReadingDeadLetter.SOURCE_TIMESTAMP));

        screener.readings.pipeInput(new TestRecord<>(bytes("L-TS"), TestSerdes.READING.toBytes(r), Instant.EPOCH));
        dead = screener.dlq.readRecord();
        assertEquals(DlqReason.EARLY_TIMESTAMP.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertTrue(DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL).startsWith("the record timestamp 1970-01-01"));
        assertTrue(screener.compositions.isEmpty());
    }

    @Test
    void outputsCarryTheValidatedRecordTimestamp() {
        ScreenerSettings settings = ScreenerSettings.defaults();
        try (ScreenerHarness s = ScreenerHarness.start(settings, TestModels.trained())) {
            s.send(Readings.oxides("L-OUT", "R-1", Readings.typicalWtPct()).build());
            assertEquals(ScreenerHarness.RECORD_TIME, s.compositions.readRecord().getRecordTime());
            assertEquals(ScreenerHarness.RECORD_TIME, s.predictions.readRecord().getRecordTime());
        }
    }

    @Test
    void theEarliestAcceptedInstantIsASetting() {
        ScreenerSettings settings = ScreenerSettings.fromProperties(java.util.Map.of(
                ScreenerSettings.EARLIEST_TIMESTAMP, "2025-06-01T08:30:00Z"));
        assertEquals(Instant.parse("2025-06-01T08:30:00Z"), settings.earliestTimestamp());
        assertEquals(ScreenerSettings.DEFAULT_EARLIEST_TIMESTAMP, ScreenerSettings.defaults().earliestTimestamp());
        try (ScreenerHarness s = ScreenerHarness.start(settings, TestModels.trained())) {
            s.send(Readings.oxides("L-W", "R-1", Readings.typicalWtPct()).build()); // sampled 08:00
            assertEquals(DlqReason.EARLY_TIMESTAMP.name(), DlqHeaders.text(s.dlq.readRecord().headers(),
                    DlqHeaders.REASON));
        }
    }

    private static void assertReason(DlqReason reason, String detailMentions, XrfReading reading) {
        screener.send(reading);
        TestRecord<byte[], byte[]> dead = screener.dlq.readRecord();
        assertTrue(screener.dlq.isEmpty());
        assertEquals(reason.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON),
                DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL));
        String detail = DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL);
        assertTrue(detail.contains(detailMentions), detail);
        assertTrue(screener.compositions.isEmpty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
