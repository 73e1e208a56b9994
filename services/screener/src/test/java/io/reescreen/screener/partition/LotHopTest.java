package io.reescreen.screener.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only records not already on their lot's partition are copied onto the lots' internal topics. The test driver reads
 * every input record from partition 0, so a lot whose partition is 0 is "already there" and any other is misrouted.
 */
class LotHopTest {

    private static final int LOT_PARTITIONS = ScreenerSettings.defaults().lotPartitions();
    private static final String ON_PARTITION_0 = lotOn(true);
    private static final String ELSEWHERE = lotOn(false);

    @BeforeAll
    static void trainOnce() {
        TestModels.trained();
    }

    @Test
    void correctlyPartitionedReadingsSkipTheHop() {
        try (ScreenerHarness screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained())) {
            assertEquals(List.of(1, 2), metadataAndTwoReadings(screener, ON_PARTITION_0), "screened as before");
            assertEquals(0, hop(screener, "readings").getQueueSize(), "no reading copied");
            assertEquals(0, hop(screener, "lots").getQueueSize(), "no lot metadata copied");
        }
    }

    @Test
    void misroutedReadingsStillTakeTheHop() {
        try (ScreenerHarness screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained())) {
            assertEquals(List.of(1, 2), metadataAndTwoReadings(screener, ELSEWHERE));
            assertEquals(2, hop(screener, "readings").getQueueSize(), "both readings copied");
            assertEquals(1, hop(screener, "lots").getQueueSize(), "the metadata copied");
        }
    }

    @Test
    void withMisroutedOnlyOffEveryRecordTakesTheHop() {
        ScreenerSettings always = ScreenerSettings.defaults().toBuilder().lotHopMisroutedOnly(false).build();
        try (ScreenerHarness screener = ScreenerHarness.start(always, TestModels.trained())) {
            screener.send(reading(ON_PARTITION_0, "R-1"));
            assertEquals(1, hop(screener, "readings").getQueueSize());
            assertEquals(1, screener.compositions.readValuesToList().size());
        }
    }

    @Test
    void anInputTopicWithMorePartitionsThanTheLotsIsRefusedAtStart() {
        String problem = ProducerPartitionCheck.hopProblem(java.util.Map.of(Topics.XRF_READINGS.name(), 6,
                Topics.LOTS.name(), 3), 3, ScreenerSettings.LOT_HOP_MISROUTED_ONLY).orElseThrow();
        assertEquals(true, problem.contains("xrf.readings has 6 partitions"), problem);
        assertEquals(java.util.Optional.empty(), ProducerPartitionCheck.hopProblem(java.util.Map.of(
                Topics.XRF_READINGS.name(), 1, Topics.LOTS.name(), 3), 3, ScreenerSettings.LOT_HOP_MISROUTED_ONLY));
    }

    /** The lot's metadata and two readings through the screener: the compositions' shot counts. */
    private static List<Integer> metadataAndTwoReadings(ScreenerHarness screener, String lotId) {
        describe(screener, lotId);
        screener.send(reading(lotId, "R-1"));
        screener.send(reading(lotId, "R-2"));
        assertEquals("SITE-A", screener.lotInfo(lotId).getSiteId(), "the metadata met its readings");
        return screener.compositions.readValuesToList().stream().map(c -> c.getShotCount()).toList();
    }

    private static TestOutputTopic<byte[], byte[]> hop(ScreenerHarness screener, String name) {
        return screener.driver.createOutputTopic("screener-test-" + name + "-by-lot-repartition",
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static XrfReading reading(String lotId, String readingId) {
        return Readings.oxides(lotId, readingId, Readings.typicalWtPct()).build();
    }

    private static void describe(ScreenerHarness screener, String lotId) {
        screener.lots.pipeInput(lotId, LotInfo.newBuilder().setLotId(lotId).setSiteId("SITE-A")
                .setAshOrigin(AshOrigin.FLY_ASH).setUpdatedAt(ScreenerHarness.RECORD_TIME).build(),
                ScreenerHarness.RECORD_TIME);
    }

    private static String lotOn(boolean partitionZero) {
        String lot = IntStream.range(0, 100).mapToObj(i -> "L-HOP-" + i)
                .filter(id -> (LotPartitioner.partitionOf(id.getBytes(StandardCharsets.UTF_8), LOT_PARTITIONS) == 0)
                        == partitionZero)
                .findFirst().orElseThrow();
        assertNotEquals(null, lot);
        return lot;
    }
}
