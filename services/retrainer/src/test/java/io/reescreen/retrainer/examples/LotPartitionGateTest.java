package io.reescreen.retrainer.examples;

import io.reescreen.streams.SourcePosition;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.retrainer.RetrainerSerdes;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hop of lab.results and lots onto the lots' partitions ({@link LotPartitionGate}, {@link LotPartitioning}) on a
 * TopologyTestDriver: what cannot be copied is dead-lettered (lab results) or counted (lots) with its position on the
 * input topic, what is copied keeps that position for lineage and later dead letters, and the stream goes on.
 */
class LotPartitionGateTest {

    private static final AvroBinarySerde<LabResult> LAB = new AvroBinarySerde<>(LabResult.class);
    private static final RetrainerSerdes SERDES = new RetrainerSerdes(LAB, new AvroBinarySerde<>(LotInfo.class),
            new AvroBinarySerde<>(LotComposition.class), new AvroBinarySerde<>(TrainingExample.class));
    private static final ExampleJoinSettings SETTINGS = ExampleJoinSettings.defaults();

    private final IgnoredRecords ignored = new IgnoredRecords();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> lots;
    private TestInputTopic<String, LotComposition> compositions;
    private TestInputTopic<byte[], byte[]> labResults;
    private TestOutputTopic<String, TrainingExample> examples;
    private TestOutputTopic<byte[], byte[]> dlq;

    private void start(LotPartitioning partitioning) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gate-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("gate-").toString());
        driver = new TopologyTestDriver(LabelledExampleTopology.buildTopology(SETTINGS, partitioning, SERDES, ignored),
                props, LabFixtures.T0.plus(Duration.ofDays(5)));
        lots = driver.createInputTopic(Topics.LOTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        compositions = driver.createInputTopic(Topics.LOT_COMPOSITIONS.name(), new StringSerializer(),
                SERDES.lotComposition().serializer());
        labResults = driver.createInputTopic(Topics.LAB_RESULTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        examples = driver.createOutputTopic(Topics.TRAINING_EXAMPLES.name(), new StringDeserializer(),
                SERDES.trainingExample().deserializer());
        dlq = driver.createOutputTopic(Topics.LAB_RESULTS_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aLabResultWithoutAKeyIsDeadLetteredAtTheGateWithItsPositionOnLabResultsAndTheNextOneStillJoins() throws Exception {
        start(LotPartitioning.defaults());
        lots.pipeInput(key("L-1"), lotInfo("L-1"));
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        byte[] keyless = lab("LAB-0", "L-1");
        RecordHeaders sent = new RecordHeaders();
        sent.add("x-lab-system", "LIMS-7".getBytes(StandardCharsets.UTF_8));
        labResults.pipeInput(new TestRecord<>(null, keyless, sent));
        labResults.pipeInput(key("L-1"), lab("LAB-1", "L-1"));

        TestRecord<byte[], byte[]> letter = dlq.readRecord();
        assertEquals(LabDlqReason.LOT_KEY_MISMATCH.name(), DlqHeaders.text(letter.headers(), DlqHeaders.REASON));
        assertTrue(DlqHeaders.text(letter.headers(), DlqHeaders.DETAIL).contains("key is null"),
                DlqHeaders.text(letter.headers(), DlqHeaders.DETAIL));
        assertEquals(Topics.LAB_RESULTS.name(), DlqHeaders.text(letter.headers(), DlqHeaders.SOURCE_TOPIC));
        assertEquals("0", DlqHeaders.text(letter.headers(), DlqHeaders.SOURCE_OFFSET));
        assertNull(letter.key());
        assertArrayEquals(keyless, letter.value(), "the original bytes");
        assertEquals("LIMS-7", DlqHeaders.text(letter.headers(), "x-lab-system"), "the producer's headers kept");
        assertNull(letter.headers().lastHeader(SourcePosition.TOPIC), "no stamp of the hop on a dead letter");
        assertTrue(dlq.isEmpty());

        TrainingExample example = examples.readValue();
        assertEquals("LAB-1", example.getLabResultId());
        assertEquals(1L, example.getLabResultOffset(), "lineage names lab.results' offset, not the internal topic's (0)");
    }

    @Test
    void aLabResultTooLargeToCopyIsDeadLetteredAsOversizeInACopyThatFits() throws Exception {
        start(LotPartitioning.defaults());
        lots.pipeInput(key("L-1"), lotInfo("L-1"));
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        byte[] huge = new byte[LotPartitionGate.MAX_COPIED_RECORD_BYTES];
        new Random(3).nextBytes(huge);
        labResults.pipeInput(key("L-1"), huge);
        labResults.pipeInput(key("L-1"), lab("LAB-2", "L-1"));

        TestRecord<byte[], byte[]> letter = dlq.readRecord();
        assertEquals(LabDlqReason.OVERSIZE.name(), DlqHeaders.text(letter.headers(), DlqHeaders.REASON));
        assertTrue(DlqHeaders.text(letter.headers(), DlqHeaders.DETAIL).contains("bytes (key, value and headers)"),
                DlqHeaders.text(letter.headers(), DlqHeaders.DETAIL));
        assertEquals("0", DlqHeaders.text(letter.headers(), DlqHeaders.SOURCE_OFFSET));
        assertEquals(Integer.toString(huge.length), DlqHeaders.text(letter.headers(), DeadLetter.ORIGINAL_VALUE_BYTES));
        assertTrue(DeadLetter.estimatedBytes(letter.key(), letter.value(), letter.headers())
                <= DeadLetter.DEFAULT_MAX_RECORD_BYTES, "the dead letter fits under the record limit");
        assertEquals("LAB-2", examples.readValue().getLabResultId(), "the stream goes on");
    }

    @Test
    void aLabResultTurnedAwayAfterTheHopNamesItsPositionOnLabResultsNotTheInternalTopic() throws Exception {
        start(LotPartitioning.defaults());
        lots.pipeInput(key("L-1"), lotInfo("L-1"));
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        labResults.pipeInput(new TestRecord<>(null, lab("LAB-3", "L-1"), new RecordHeaders())); // offset 0, at the gate
        labResults.pipeInput(key("L-OTHER"), lab("LAB-4", "L-1")); // offset 1: copied, then refused by the join

        List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
        assertEquals(2, letters.size());
        TestRecord<byte[], byte[]> mismatch = letters.get(1);
        assertEquals(LabDlqReason.LOT_KEY_MISMATCH.name(), DlqHeaders.text(mismatch.headers(), DlqHeaders.REASON));
        assertTrue(DlqHeaders.text(mismatch.headers(), DlqHeaders.DETAIL).contains("key L-OTHER but lotId L-1"));
        assertEquals(Topics.LAB_RESULTS.name(), DlqHeaders.text(mismatch.headers(), DlqHeaders.SOURCE_TOPIC));
        assertEquals("1", DlqHeaders.text(mismatch.headers(), DlqHeaders.SOURCE_OFFSET),
                "lab.results' offset; on the internal topic it was 0");
        assertNull(mismatch.headers().lastHeader(SourcePosition.TOPIC), "the hop's stamp is not a header of the original");
        assertTrue(examples.isEmpty());
    }

    @Test
    void aLotsRecordWithoutAKeyOrTooLargeToCopyIsPassedOverAndCountedWithItsPositionOnLots() throws Exception {
        start(LotPartitioning.defaults());
        lots.pipeInput(new TestRecord<>(null, lotInfo("L-9"), new RecordHeaders()));
        byte[] huge = new byte[LotPartitionGate.MAX_COPIED_RECORD_BYTES];
        lots.pipeInput(key("L-8"), huge);
        lots.pipeInput(key("L-1"), lotInfo("L-1"));
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        labResults.pipeInput(key("L-1"), lab("LAB-5", "L-1"));

        assertEquals(1, ignored.countOf(Topics.LOTS.name(), IgnoredReason.MISSING_ID));
        assertEquals(1, ignored.countOf(Topics.LOTS.name(), IgnoredReason.OVERSIZE));
        assertEquals(2, ignored.total(Topics.LOTS.name()));
        assertTrue(dlq.isEmpty(), "lots' dead letters are the screener's");
        TrainingExample example = examples.readValue();
        assertEquals("YARD-B", example.getSiteId(), "the lot's metadata came through the hop");
    }

    @Test
    void theHopPutsLabResultsAndLotsOnInternalTopicsUnlessEveryProducerPartitionsByLotId() throws Exception {
        Topology hop = LabelledExampleTopology.buildTopology(SETTINGS, LotPartitioning.defaults(), SERDES, ignored);
        String described = hop.describe().toString();
        assertTrue(described.contains("lab-results-by-lot-repartition"), described);
        assertTrue(described.contains("lots-by-lot-repartition"), described);

        Topology direct = LabelledExampleTopology.buildTopology(SETTINGS, new LotPartitioning(true, 3), SERDES, ignored);
        assertFalse(direct.describe().toString().contains("repartition"), direct.describe().toString());

        start(new LotPartitioning(true, 3));
        lots.pipeInput(key("L-1"), lotInfo("L-1"));
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        RecordHeaders forged = new RecordHeaders();
        new SourcePosition(Topics.LAB_RESULTS.name(), 2, 99).stampOnto(forged);
        labResults.pipeInput(new TestRecord<>(key("L-1"), lab("LAB-6", "L-1"), forged));
        TrainingExample example = examples.readValue();
        assertEquals("LAB-6", example.getLabResultId(), "without the hop the join reads lab.results as is");
        assertEquals(0L, example.getLabResultOffset(), "its own offset; a position a producer wrote in headers is not believed");
    }

    private static byte[] key(String lotId) {
        return lotId.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lotInfo(String lotId) {
        return SERDES.lotInfo().serializer().serialize(Topics.LOTS.name(), LabFixtures.lot(lotId, "YARD-B"));
    }

    private static byte[] lab(String labResultId, String lotId) {
        return LAB.serializer().serialize(Topics.LAB_RESULTS.name(), LabFixtures.labInPpmMol(labResultId, lotId).build());
    }
}
