package io.reescreen.screener.lotinfo;

import io.reescreen.screener.reasons.LotDlqReason;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.partition.LotPartitionGate;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.testing.TestSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lots path on a TopologyTestDriver: lot metadata is screened like readings (bad records to lots.dlq with their
 * original bytes and the reason), the newest updatedAt wins whatever the arrival order, and a lot whose site changes
 * mid-lot says so on its composition.
 */
class LotMetadataTopologyTest {

    private static final Instant MAY = Instant.parse("2025-05-01T00:00:00Z");

    private ScreenerHarness screener;

    @BeforeAll
    static void trainOnce() {
        TestModels.trained();
    }

    @BeforeEach
    void start() {
        screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained());
    }

    @AfterEach
    void stop() {
        screener.close();
    }

    private static LotInfo.Builder lot(String lotId, String siteId, Instant updatedAt) {
        return LotInfo.newBuilder().setLotId(lotId).setSiteId(siteId).setAshOrigin(AshOrigin.FLY_ASH)
                .setUpdatedAt(updatedAt);
    }

    private void sendLot(String key, LotInfo info) {
        screener.rawLots.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                TestSerdes.LOT_INFO.toBytes(info), ScreenerHarness.RECORD_TIME);
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        return DlqHeaders.text(record.headers(), key);
    }

    @Test
    void anOlderLotInfoDoesNotReplaceANewerOneAndIsDeadLetteredAsStale() {
        LotInfo newer = lot("L-1", "SITE-NEW", MAY.plusSeconds(3600)).build();
        LotInfo older = lot("L-1", "SITE-OLD", MAY).build();
        sendLot("L-1", newer);
        sendLot("L-1", older);

        assertEquals(newer, screener.lotInfo("L-1"), "the newest updatedAt is kept");
        TestRecord<byte[], byte[]> stale = screener.lotsDlq.readRecord();
        assertEquals("STALE", header(stale, DlqHeaders.REASON));
        assertTrue(header(stale, DlqHeaders.DETAIL).contains("SITE-NEW"), header(stale, DlqHeaders.DETAIL));
        assertArrayEquals(TestSerdes.LOT_INFO.toBytes(older), stale.value(), "the original bytes");
        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.lotDlqCounter(LotDlqReason.STALE)));

        screener.send(Readings.oxides("L-1", "R-1", Readings.typicalWtPct()).build());
        assertEquals("SITE-NEW", screener.compositions.readValue().getSiteId());
    }

    @Test
    void aNewerLotInfoReplacesTheOlderOne() {
        sendLot("L-2", lot("L-2", "SITE-A", MAY).build());
        sendLot("L-2", lot("L-2", "SITE-B", MAY.plusSeconds(1)).build());
        assertEquals("SITE-B", screener.lotInfo("L-2").getSiteId());
        assertTrue(screener.lotsDlq.isEmpty());
    }

    @Test
    void aSiteIdOf64KilobytesIsDeadLetteredAndTheLotsReadingsStillCount() {
        String huge = "S".repeat(64 * 1024);
        sendLot("L-3", lot("L-3", huge, MAY).build());

        TestRecord<byte[], byte[]> dead = screener.lotsDlq.readRecord();
        assertEquals("ID_TOO_LONG", header(dead, DlqHeaders.REASON));
        assertTrue(header(dead, DlqHeaders.DETAIL).startsWith("siteId is 65536 bytes long"), header(dead, DlqHeaders.DETAIL));
        assertNull(screener.lotInfo("L-3"));

        screener.send(Readings.oxides("L-3", "R-1", Readings.typicalWtPct()).build());
        LotComposition composition = screener.compositions.readValue();
        assertEquals(1, composition.getShotCount(), "the reading is screened as of a lot without metadata");
        assertNull(composition.getSiteId());
    }

    @Test
    void everyKindOfBadLotsRecordIsDeadLetteredWithItsReasonAndOriginalBytes() {
        byte[] garbage = {(byte) 0xff, 0x00, 0x13, 0x37};
        String longLot = "L".repeat(300);
        List<Object[]> cases = List.of(
                new Object[] {"L-4", garbage, "UNDECODABLE"},
                new Object[] {"L-OTHER", TestSerdes.LOT_INFO.toBytes(lot("L-4", "S", MAY).build()), "LOT_KEY_MISMATCH"},
                new Object[] {null, TestSerdes.LOT_INFO.toBytes(lot("L-4", "S", MAY).build()), "LOT_KEY_MISMATCH"},
                new Object[] {"L-4", TestSerdes.LOT_INFO.toBytes(lot("L-4", " ", MAY).build()), "MISSING_ID"},
                new Object[] {longLot, TestSerdes.LOT_INFO.toBytes(lot(longLot, "S", MAY).build()), "ID_TOO_LONG"},
                new Object[] {"L-4", TestSerdes.LOT_INFO.toBytes(lot("L-4", "S", MAY).setBasin("x".repeat(257)).build()),
                        "ID_TOO_LONG"},
                new Object[] {"L-4", TestSerdes.LOT_INFO.toBytes(lot("L-4", "SITE\u0000A", MAY).build()), "INVALID_VALUE"},
                new Object[] {"L-4", TestSerdes.LOT_INFO.toBytes(lot("L-4", "S", Instant.EPOCH).build()), "INVALID_TIMESTAMP"},
                new Object[] {"L-4", TestSerdes.LOT_INFO.toBytes(lot("L-4", "S", Instant.parse("2999-01-01T00:00:00Z"))
                        .build()), "INVALID_TIMESTAMP"},
                new Object[] {"L-4", new byte[LotPartitionGate.MAX_COPIED_RECORD_BYTES], "TOO_LARGE"});
        for (Object[] c : cases) {
            String key = (String) c[0];
            screener.rawLots.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), (byte[]) c[1],
                    ScreenerHarness.RECORD_TIME);
        }
        List<TestRecord<byte[], byte[]>> dead = screener.lotsDlq.readRecordsToList();
        assertEquals(cases.size(), dead.size(), "every bad record is dead-lettered once");
        for (int i = 0; i < cases.size(); i++) {
            Object[] c = cases.get(i);
            TestRecord<byte[], byte[]> d = dead.get(i);
            assertEquals(c[2], header(d, DlqHeaders.REASON), i + ": " + header(d, DlqHeaders.DETAIL));
            assertEquals(Topics.LOTS.name(), header(d, DlqHeaders.SOURCE_TOPIC), "the input topic, not the internal one");
            assertEquals(Integer.toString(i), header(d, DlqHeaders.SOURCE_OFFSET));
            byte[] original = (byte[]) c[1];
            if (original.length < DeadLetter.DEFAULT_MAX_RECORD_BYTES) {
                assertArrayEquals(original, d.value(), i + ": the original bytes");
            } else {
                assertEquals(Integer.toString(original.length), header(d, DeadLetter.ORIGINAL_VALUE_BYTES));
                assertTrue(DeadLetter.estimatedBytes(d.key(), d.value(), d.headers()) <= DeadLetter.DEFAULT_MAX_RECORD_BYTES,
                        "the dead letter of a record at the limit is cut to fit");
            }
        }
        assertNull(screener.lotInfo("L-4"), "nothing bad was kept");
        assertEquals(cases.size(), screener.metrics.countPrefix("lots.dlq."), screener.metrics.toString());
        assertEquals(cases.size(), screener.metrics.count(InMemoryScreenerMetrics.LOTS_RECEIVED));

        sendLot("L-4", lot("L-4", "SITE-4", MAY).build());
        assertEquals("SITE-4", screener.lotInfo("L-4").getSiteId(), "the stream went on");
    }

    @Test
    void aTombstoneOnLotsDeletesTheLotsMetadata() {
        sendLot("L-5", lot("L-5", "SITE-5", MAY).build());
        assertNotNull(screener.lotInfo("L-5"));
        screener.rawLots.pipeInput("L-5".getBytes(StandardCharsets.UTF_8), null, ScreenerHarness.RECORD_TIME);
        assertNull(screener.lotInfo("L-5"));
        assertTrue(screener.lotsDlq.isEmpty());
    }

    @Test
    void aSiteChangeMidLotIsFlaggedOnTheComposition() {
        sendLot("L-6", lot("L-6", "SITE-A", MAY).build());
        screener.send(Readings.oxides("L-6", "R-1", Readings.typicalWtPct()).build());
        sendLot("L-6", lot("L-6", "SITE-B", MAY.plusSeconds(60)).build());
        screener.send(Readings.oxides("L-6", "R-2", Readings.typicalWtPct()).build());
        screener.send(Readings.oxides("L-6", "R-3", Readings.typicalWtPct()).build());

        List<LotComposition> out = screener.compositions.readValuesToList();
        assertEquals(List.of("SITE-A"), out.get(0).getSiteIds());
        assertEquals(List.of("SITE-A", "SITE-B"), out.get(1).getSiteIds(), "both sites, in order");
        assertEquals("SITE-B", out.get(1).getSiteId(), "siteId is the latest");
        assertEquals(List.of("SITE-A", "SITE-B"), out.get(2).getSiteIds());
        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.LOTS_SITES_MIXED), "counted once per lot");
    }

    @Test
    void aReadingWithoutAKeyOrTooLargeToCopyIsDeadLetteredOnItsInputPosition() {
        byte[] reading = TestSerdes.READING.toBytes(Readings.oxides("L-7", "R-1", Readings.typicalWtPct()).build());
        screener.readings.pipeInput(null, reading, ScreenerHarness.RECORD_TIME);
        byte[] huge = Arrays.copyOf(reading, LotPartitionGate.MAX_COPIED_RECORD_BYTES);
        screener.readings.pipeInput(new TestRecord<>("L-7".getBytes(StandardCharsets.UTF_8), huge,
                new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8)), ScreenerHarness.RECORD_TIME));

        List<TestRecord<byte[], byte[]>> dead = screener.dlq.readRecordsToList();
        assertEquals(2, dead.size());
        assertEquals("LOT_KEY_MISMATCH", header(dead.get(0), DlqHeaders.REASON));
        assertArrayEquals(reading, dead.get(0).value(), "the original bytes");
        assertNull(dead.get(0).key());
        assertEquals("TOO_LARGE", header(dead.get(1), DlqHeaders.REASON));
        assertEquals("t-1", header(dead.get(1), "trace"), "the record's own headers are kept");
        assertEquals("1", header(dead.get(1), DlqHeaders.SOURCE_OFFSET));
        assertEquals(Integer.toString(huge.length), header(dead.get(1), DeadLetter.ORIGINAL_VALUE_BYTES));
        assertEquals(2, screener.metrics.count(InMemoryScreenerMetrics.READINGS_RECEIVED));
        assertEquals(2, screener.metrics.countPrefix("readings.dlq."));

        screener.send(Readings.oxides("L-7", "R-2", Readings.typicalWtPct()).build());
        assertEquals(1, screener.compositions.readValue().getShotCount(), "the stream went on");
    }

    @Test
    void aRejectedReadingNamesItsPositionOnXrfReadingsNotOnTheInternalTopic() {
        screener.send(Readings.oxides("L-8", "R-1", Readings.typicalWtPct()).build());
        screener.send("L-OTHER", TestSerdes.READING.toBytes(Readings.oxides("L-8", "R-2", Readings.typicalWtPct()).build()));
        TestRecord<byte[], byte[]> dead = screener.dlq.readRecord();
        assertEquals("LOT_KEY_MISMATCH", header(dead, DlqHeaders.REASON));
        assertEquals(Topics.XRF_READINGS.name(), header(dead, DlqHeaders.SOURCE_TOPIC));
        assertEquals("1", header(dead, DlqHeaders.SOURCE_OFFSET));
    }
}
