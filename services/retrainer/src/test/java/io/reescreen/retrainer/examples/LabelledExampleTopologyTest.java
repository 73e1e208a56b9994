package io.reescreen.retrainer.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.Element;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.retrainer.RetrainerSerdes;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.LabReeValue;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelledExampleTopologyTest {

    private static final AvroBinarySerde<LabResult> LAB = new AvroBinarySerde<>(LabResult.class);
    private static final RetrainerSerdes SERDES = new RetrainerSerdes(LAB, new AvroBinarySerde<>(LotInfo.class),
            new AvroBinarySerde<>(LotComposition.class), new AvroBinarySerde<>(TrainingExample.class));
    private static final ExampleJoinSettings SETTINGS = new ExampleJoinSettings(3, Duration.ofDays(30), Duration.ofHours(1));

    private TopologyTestDriver driver;
    private TestInputTopic<String, LotInfo> lots;
    private TestInputTopic<String, LotComposition> compositions;
    private TestInputTopic<byte[], byte[]> labResults;
    private TestOutputTopic<String, TrainingExample> examples;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "examples-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("examples-").toString());
        driver = new TopologyTestDriver(LabelledExampleTopology.buildTopology(SETTINGS, SERDES), props,
                LabFixtures.T0.plus(Duration.ofDays(5)));
        lots = driver.createInputTopic(Topics.LOTS.name(), new StringSerializer(), SERDES.lotInfo().serializer());
        compositions = driver.createInputTopic(Topics.LOT_COMPOSITIONS.name(), new StringSerializer(),
                SERDES.lotComposition().serializer());
        labResults = driver.createInputTopic(Topics.LAB_RESULTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        examples = driver.createOutputTopic(Topics.TRAINING_EXAMPLES.name(), new StringDeserializer(),
                SERDES.trainingExample().deserializer());
        dlq = driver.createOutputTopic(Topics.LAB_RESULTS_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        lots.pipeInput("L-1", LabFixtures.lot("L-1", "YARD-B"));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aLabResultAfterItsCompositionJoinsAtOnceInPpmMolOfTheAsh() {
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        send(LabFixtures.labInElementPpm("LAB-1", "L-1").build());

        TrainingExample e = examples.readValue();
        assertEquals("LAB-1", e.getExampleId());
        assertEquals("L-1", e.getLotId());
        assertEquals("YARD-B", e.getSiteId(), "the site from the lots topic");
        assertEquals(5, e.getShotCount());
        assertEquals(10, e.getComposition().size());
        assertEquals(0, e.getLabResultPartition());
        assertEquals(0L, e.getLabResultOffset());
        assertEquals(LabFixtures.T0.plusSeconds(5), e.getCompositionUpdatedAt());
        // element mg/kg back to oxide ppm mol through the ash's molar mass: the truth the fixture started from
        Map<ReeTarget, Double> got = targets(e);
        assertEquals(17, got.size());
        double total = 0;
        for (Map.Entry<ReeOxide, Double> t : LabFixtures.truePpmMol().entrySet()) {
            assertEquals(t.getValue(), got.get(ReeTarget.valueOf(t.getKey().element().symbol())), 1e-9, t.getKey().formula());
            total += t.getValue();
        }
        assertEquals(total, got.get(ReeTarget.TOTAL_REE), 1e-9, "total = sum of the 16");
        assertTrue(dlq.isEmpty());
    }

    @Test
    void aLabResultBeforeItsCompositionWaitsThenJoinsTheFirstCompositionWithEnoughReadings() {
        send(LabFixtures.labInPpmMol("LAB-2", "L-1").build());
        assertTrue(examples.isEmpty() && dlq.isEmpty(), "waiting, not dropped");
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 2));
        assertTrue(examples.isEmpty(), "two readings are below the minimum of three");
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 3));
        List<TrainingExample> joined = examples.readValuesToList();
        assertEquals(1, joined.size());
        assertEquals(3, joined.get(0).getShotCount());
        assertEquals(trueLa(), targets(joined.get(0)).get(ReeTarget.La), 1e-12, "ppm mol passes through unchanged");
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 4));
        assertTrue(examples.isEmpty(), "joined once, not again on the next composition");
        assertFalse(waiting().all().hasNext());
    }

    @Test
    void aLabResultLongAfterItsCompositionStillJoins() {
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 7));
        driver.advanceWallClockTime(Duration.ofDays(90));
        send(LabFixtures.labInPpmMol("LAB-3", "L-1").build());
        assertEquals(7, examples.readValue().getShotCount());
        assertTrue(dlq.isEmpty());
    }

    @Test
    void aLabResultWhoseCompositionNeverComesIsDeadLetteredAfterTheWait() {
        byte[] bytes = LAB.toBytes(LabFixtures.labInPpmMol("LAB-4", "L-1").build());
        labResults.pipeInput("L-1".getBytes(StandardCharsets.UTF_8), bytes, LabFixtures.T0);
        driver.advanceWallClockTime(Duration.ofDays(29));
        assertTrue(dlq.isEmpty(), "still within the wait");
        driver.advanceWallClockTime(Duration.ofDays(2));
        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertArrayEquals(bytes, dead.value(), "the original bytes");
        assertEquals("NO_COMPOSITION", DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertEquals("0", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_OFFSET));
        assertFalse(waiting().all().hasNext());
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        assertTrue(examples.isEmpty(), "dead-lettered once, never joined later as well");
    }

    @Test
    void aWholeCoalResultIsPutOnAnAshBasisWithItsAshYield() {
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        send(LabFixtures.labInPpmMol("LAB-5", "L-1").setMaterialBasis(MaterialBasis.WHOLE_COAL).setAshYieldWtPct(20.0).build());
        assertEquals(5 * trueLa(), targets(examples.readValue()).get(ReeTarget.La), 1e-9, "x ppm in coal of 20 % ash is 5x in the ash");
    }

    @Test
    void badLabResultsGoToTheDeadLetterTopicWithTheirReason() {
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        List<LabReeValue> negative = new ArrayList<>(LabFixtures.labInPpmMol("x", "L-1").getValues());
        negative.set(3, LabFixtures.value(ReeOxide.PAPER_ORDER.get(3), LabConcentrationUnit.PPM_MOL_OXIDE, -1.0));
        List<LabReeValue> unknownUnit = new ArrayList<>(LabFixtures.labInPpmMol("x", "L-1").getValues());
        unknownUnit.set(0, LabFixtures.value(ReeOxide.PAPER_ORDER.get(0), LabConcentrationUnit.UNKNOWN, 1.0));
        List<LabReeValue> missing = new ArrayList<>(LabFixtures.labInPpmMol("x", "L-1").getValues());
        missing.remove(15);
        List<LabReeValue> twice = new ArrayList<>(LabFixtures.labInPpmMol("x", "L-1").getValues());
        twice.add(twice.get(0));

        send(LabFixtures.labInPpmMol("B-1", "L-404").build());
        send(LabFixtures.labInPpmMol("B-2", "L-1").setValues(negative).build());
        send(LabFixtures.labInPpmMol("B-3", "L-1").setValues(unknownUnit).build());
        send(LabFixtures.labInPpmMol("B-4", "L-1").setValues(missing).build());
        send(LabFixtures.labInPpmMol("B-5", "L-1").setMaterialBasis(MaterialBasis.WHOLE_COAL).build());
        send(LabFixtures.labInPpmMol("B-6", "L-1").setValues(twice).build());
        labResults.pipeInput("L-1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, LabFixtures.T0);
        labResults.pipeInput("L-2".getBytes(StandardCharsets.UTF_8), LAB.toBytes(LabFixtures.labInPpmMol("B-8", "L-1").build()),
                LabFixtures.T0);

        List<String> reasons = dlq.readRecordsToList().stream()
                .map(r -> DlqHeaders.text(r.headers(), DlqHeaders.REASON)).collect(Collectors.toList());
        assertEquals(List.of("UNKNOWN_LOT", "INVALID_VALUE", "UNKNOWN_UNIT", "MISSING_ELEMENT", "MISSING_ASH_YIELD",
                "DUPLICATE_ELEMENT", "UNDECODABLE", "LOT_KEY_MISMATCH"), reasons);
        assertTrue(examples.isEmpty());

        send(LabFixtures.labInPpmMol("GOOD", "L-1").build());
        assertEquals("GOOD", examples.readValue().getLabResultId(), "the stream goes on after bad records");
    }

    @Test
    void hostileLabResultsAreDeadLetteredWithASpecificReasonInACopyThatFitsAndTheStreamGoesOn() {
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        List<LabReeValue> huge = new ArrayList<>(LabFixtures.labInElementPpm("x", "L-1").getValues());
        huge.set(0, LabFixtures.value(ReeOxide.PAPER_ORDER.get(0), LabConcentrationUnit.PPM_MASS_ELEMENT, 1e12));
        List<LabReeValue> moreThanTheSample = new ArrayList<>();
        for (ReeOxide o : ReeOxide.PAPER_ORDER) {
            moreThanTheSample.add(LabFixtures.value(o, LabConcentrationUnit.PPM_MASS_OXIDE, 1.5e6 / 16));
        }
        byte[] garbage = new byte[1_048_000];
        new java.util.Random(7).nextBytes(garbage);
        byte[] oversize = new byte[LabResultJoiner.MAX_LAB_RESULT_BYTES + 1];

        send(LabFixtures.labInPpmMol("L".repeat(300), "L-1").build());
        send(LabFixtures.labInElementPpm("B-10", "L-1").setValues(huge).build());
        send(LabFixtures.labInElementPpm("B-11", "L-1").setValues(moreThanTheSample).build());
        labResults.pipeInput("L-1".getBytes(StandardCharsets.UTF_8), garbage, LabFixtures.T0);
        labResults.pipeInput("L-1".getBytes(StandardCharsets.UTF_8), oversize, LabFixtures.T0);
        labResults.pipeInput("L-1".getBytes(StandardCharsets.UTF_8), (byte[]) null, LabFixtures.T0);

        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertEquals(List.of("INVALID_ID", "IMPLAUSIBLE_VALUE", "IMPLAUSIBLE_VALUE", "OVERSIZE", "OVERSIZE",
                "TOMBSTONE"), dead.stream().map(r -> DlqHeaders.text(r.headers(), DlqHeaders.REASON)).toList());
        assertTrue(DlqHeaders.text(dead.get(1).headers(), DlqHeaders.DETAIL).contains("1.0E12"),
                DlqHeaders.text(dead.get(1).headers(), DlqHeaders.DETAIL));
        assertTrue(DlqHeaders.text(dead.get(2).headers(), DlqHeaders.DETAIL).contains("more than the whole sample"));
        TestRecord<byte[], byte[]> cut = dead.get(3);
        assertTrue(io.reescreen.schemas.DeadLetter.estimatedBytes(cut.key(), cut.value(), cut.headers())
                <= io.reescreen.schemas.DeadLetter.DEFAULT_MAX_RECORD_BYTES, "the copy fits under the record limit");
        assertEquals("1048000", DlqHeaders.text(cut.headers(), io.reescreen.schemas.DeadLetter.ORIGINAL_VALUE_BYTES));
        assertTrue(examples.isEmpty());

        send(LabFixtures.labInPpmMol("GOOD-2", "L-1").build());
        assertEquals("GOOD-2", examples.readValue().getLabResultId(), "the stream goes on");
    }

    /** The driver again, counting what the join passes over in {@code ignored}. */
    private void countingIgnoredIn(IgnoredRecords ignored) {
        driver.close();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "examples-test-lots");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("examples-").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(LabelledExampleTopology.buildTopology(SETTINGS, SERDES, ignored), props,
                LabFixtures.T0.plus(Duration.ofDays(5)));
        lots = driver.createInputTopic(Topics.LOTS.name(), new StringSerializer(), SERDES.lotInfo().serializer());
    }

    @Test
    void olderLotMetadataArrivingLaterIsPassedOverAsStaleAndTheNewerKept() {
        IgnoredRecords ignored = new IgnoredRecords();
        countingIgnoredIn(ignored);
        lots.pipeInput("L-4", LotInfo.newBuilder(LabFixtures.lot("L-4", "YARD-NEW")).setUpdatedAt(LabFixtures.T0
                .plus(Duration.ofHours(2))).build());
        lots.pipeInput("L-4", LotInfo.newBuilder(LabFixtures.lot("L-4", "YARD-OLD")).setUpdatedAt(LabFixtures.T0
                .plus(Duration.ofHours(1))).build());

        assertEquals("YARD-NEW", driver.<String, LotInfo>getKeyValueStore(ExampleStores.LOT_INFO).get("L-4").getSiteId());
        assertEquals(1, ignored.countOf(Topics.LOTS.name(), IgnoredReason.STALE), ignored.snapshot().toString());

        lots.pipeInput("L-4", LotInfo.newBuilder(LabFixtures.lot("L-4", "YARD-NEWER")).setUpdatedAt(LabFixtures.T0
                .plus(Duration.ofHours(3))).build());
        assertEquals("YARD-NEWER", driver.<String, LotInfo>getKeyValueStore(ExampleStores.LOT_INFO).get("L-4")
                .getSiteId(), "newer metadata still replaces what is held");
    }

    @Test
    void aLotsRecordWithAnOverlongSiteIdOrGarbageIsPassedOverAndCountedNotStored() {
        IgnoredRecords ignored = new IgnoredRecords();
        countingIgnoredIn(ignored);
        TestInputTopic<byte[], byte[]> rawLots = driver.createInputTopic(Topics.LOTS.name(), new ByteArraySerializer(),
                new ByteArraySerializer());

        lots.pipeInput("L-9", LotInfo.newBuilder(LabFixtures.lot("L-9", "S")).setSiteId("S".repeat(65_536)).build());
        lots.pipeInput("L-8", LabFixtures.lot("L-7", "YARD-B"));
        rawLots.pipeInput("L-6".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 9, 9, 9});
        lots.pipeInput("L-5", LabFixtures.lot("L-5", "YARD-B"));

        KeyValueStore<String, LotInfo> store = driver.getKeyValueStore(ExampleStores.LOT_INFO);
        assertEquals(null, store.get("L-9"));
        assertEquals(null, store.get("L-8"));
        assertEquals("YARD-B", store.get("L-5").getSiteId(), "the good record after the bad ones is kept");
        assertEquals(1, ignored.countOf(Topics.LOTS.name(), IgnoredReason.INVALID_ID));
        assertEquals(1, ignored.countOf(Topics.LOTS.name(), IgnoredReason.LOT_KEY_MISMATCH));
        assertEquals(3, ignored.total(Topics.LOTS.name()), ignored.snapshot().toString());
    }

    @Test
    void aLabResultFarOutsideTheServedPredictionIsHeldOutOfTrainingWithWhy() {
        TestInputTopic<String, io.reescreen.schemas.ReePrediction> predictions = driver.createInputTopic(
                Topics.REE_PREDICTIONS.name(), new StringSerializer(), SERDES.reePrediction().serializer());
        TestOutputTopic<String, TrainingExample> held = driver.createOutputTopic(Topics.LAB_RESULTS_HELD.name(),
                new StringDeserializer(), SERDES.trainingExample().deserializer());
        compositions.pipeInput("L-1", LabFixtures.composition("L-1", 5));
        // The truth totals 280 ppm mol; served 280 with a 90 % interval 250..310: the 99.9 % interval is 220..340, so
        // with the default factor 3 anything above 1020 or below 73 is held; a site offset of 1.5 is not.
        predictions.pipeInput("L-1", LabFixtures.prediction("L-1", 280, 250, 310));

        send(LabFixtures.labInPpmMolTimes("NEAR", "L-1", 1.5).build());
        send(LabFixtures.labInPpmMolTimes("FAR", "L-1", 20).build());
        lots.pipeInput("L-2", LabFixtures.lot("L-2", "YARD-B"));
        compositions.pipeInput("L-2", LabFixtures.composition("L-2", 5));
        send(LabFixtures.labInPpmMolTimes("UNJUDGED", "L-2", 20).build());

        assertEquals(List.of("NEAR", "UNJUDGED"), examples.readValuesToList().stream()
                .map(TrainingExample::getLabResultId).toList(), "1.5 x is within; a lot without a prediction is not judged");
        TestRecord<String, TrainingExample> h = held.readRecord();
        assertEquals("FAR", h.key());
        assertEquals("FAR", h.value().getLabResultId(), "the example it would make, whole");
        assertEquals("OUTSIDE_SERVED_PREDICTION", DlqHeaders.text(h.headers(), DlqHeaders.REASON));
        assertTrue(DlqHeaders.text(h.headers(), DlqHeaders.DETAIL).contains("served-1 predicted 280.0 (99.9 % interval "
                + "220.0 .. 340.0): above the interval by more than a factor 3.0"),
                DlqHeaders.text(h.headers(), DlqHeaders.DETAIL));
        assertTrue(held.isEmpty() && dlq.isEmpty());
    }

    @Test
    void aResultIsHeldOnlyBeyondTheIntervalByTheFactorAndAFactorOfZeroHoldsNothing() {
        ServedPrediction served = new ServedPrediction("v", 280, 250, 310);
        assertEquals(null, served.beyond(1e5, 0));
        assertTrue(served.beyond(1e5, 3) != null);
        assertEquals(null, served.beyond(340 * 3, 3), "exactly at the limit is not beyond it");
        assertTrue(served.beyond(340 * 3 + 1, 3).contains("above"));
        assertTrue(served.beyond(220 / 3.0 - 1, 3).contains("below"));
        assertEquals(null, served.beyond(280 * 2, 3), "a site offset of 2 is for retraining, not for a person");
    }

    @Test
    void settingsAreValidated() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ExampleJoinSettings(0, Duration.ofDays(1), Duration.ofHours(1)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ExampleJoinSettings(1, Duration.ZERO, Duration.ofHours(1)));
        assertEquals(1, ExampleJoinSettings.defaults().minShotCount());
    }

    private void send(LabResult lab) {
        labResults.pipeInput(lab.getLotId().getBytes(StandardCharsets.UTF_8), LAB.toBytes(lab), LabFixtures.T0);
    }

    private KeyValueStore<String, WaitingLabResult> waiting() {
        return driver.getKeyValueStore(ExampleStores.WAITING);
    }

    private static double trueLa() {
        return LabFixtures.truePpmMol().get(ReeOxide.ofElement(Element.LA));
    }

    private static Map<ReeTarget, Double> targets(TrainingExample e) {
        return e.getTargets().stream().collect(Collectors.toMap(ReeTargetValue::getTarget, ReeTargetValue::getValuePpmMol));
    }
}
