package io.reescreen.retrainer.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.retrainer.RetrainerSerdes;
import io.reescreen.retrainer.examples.ExampleJoinSettings;
import io.reescreen.retrainer.examples.IgnoredRecords;
import io.reescreen.retrainer.examples.LabelledExampleTopology;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ScreeningOutcome;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The comparison on the join's output: lab results (total 280 ppm mol) against the predictions served before them. */
class PerformanceTopologyTest {

    private static final AvroBinarySerde<LabResult> LAB = new AvroBinarySerde<>(LabResult.class);
    private static final RetrainerSerdes SERDES = new RetrainerSerdes(LAB, new AvroBinarySerde<>(LotInfo.class),
            new AvroBinarySerde<>(LotComposition.class), new AvroBinarySerde<>(TrainingExample.class));
    private static final AvroBinarySerde<ModelPerformance> PERFORMANCE = new AvroBinarySerde<>(ModelPerformance.class);

    private final ComparisonCounts counts = new ComparisonCounts();
    private TopologyTestDriver driver;
    private TestInputTopic<String, ReePrediction> predictions;
    private TestInputTopic<byte[], byte[]> labResults;
    private TestOutputTopic<String, TrainingExample> examples;
    private TestOutputTopic<String, ModelPerformance> performance;

    @BeforeEach
    void start() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<Object, Object> joined = LabelledExampleTopology.addTo(builder,
                new ExampleJoinSettings(1, Duration.ofDays(30), Duration.ofHours(1)), SERDES, new IgnoredRecords());
        PerformanceTopology.addTo(builder, joined, "ree-mtnn", 0.5, PERFORMANCE, counts);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "performance-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("performance-").toString());
        driver = new TopologyTestDriver(builder.build(), props, LabFixtures.T0.plus(Duration.ofDays(5)));
        predictions = driver.createInputTopic(Topics.REE_PREDICTIONS.name(), new StringSerializer(),
                SERDES.reePrediction().serializer());
        labResults = driver.createInputTopic(Topics.LAB_RESULTS.name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        examples = driver.createOutputTopic(Topics.TRAINING_EXAMPLES.name(), new StringDeserializer(),
                SERDES.trainingExample().deserializer());
        performance = driver.createOutputTopic(Topics.MODEL_PERFORMANCE.name(), new StringDeserializer(),
                PERFORMANCE.deserializer());
        driver.createInputTopic(Topics.LOTS.name(), new StringSerializer(), SERDES.lotInfo().serializer())
                .pipeInput("L-1", LabFixtures.lot("L-1", "YARD-B"));
        driver.createInputTopic(Topics.LOT_COMPOSITIONS.name(), new StringSerializer(),
                SERDES.lotComposition().serializer()).pipeInput("L-1", LabFixtures.composition("L-1", 5));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aLabResultAfterTwoPredictionsIsComparedWithTheLastOneBeforeIt() {
        predictions.pipeInput("L-1", LabFixtures.prediction("L-1", 200, 190, 210));
        predictions.pipeInput("L-1", ReePrediction.newBuilder(LabFixtures.prediction("L-1", 250, 240, 300))
                .setModelVersion("served-2").setModelSiteId("YARD-B").setProbTotalAtOrAboveThreshold(0.3).build());
        send("LAB-1");
        predictions.pipeInput("L-1", ReePrediction.newBuilder(LabFixtures.prediction("L-1", 900, 800, 1000))
                .setModelVersion("served-3").build());

        List<ModelPerformance> compared = performance.readValuesToList();
        assertEquals(1, compared.size());
        ModelPerformance c = compared.get(0);
        assertEquals("served-2", c.getModelVersion(), "the last prediction before the lab result, not the first or later");
        assertEquals("YARD-B", c.getModelSiteId());
        assertEquals("YARD-B", c.getSiteId(), "the lot's site");
        assertEquals("LAB-1", c.getLabResultId());
        assertEquals(280, c.getLabTotalReePpmMol(), 1e-9, "the example's total REE, ppm mol of the oxides");
        assertEquals(250, c.getPredictedTotalReePpmMol(), 1e-9);
        assertEquals(-30.0 / 280 * 100, c.getRelativeErrorPct(), 1e-9);
        assertTrue(c.getInsideInterval90());
        assertEquals(ScreeningOutcome.TRUE_NEGATIVE, c.getOutcome(), "P(high) 0.3 < 0.5, lab 280 < threshold 300");
        assertEquals(1, counts.comparedCount());
    }

    @Test
    void aReDeliveredLabResultMakesNoSecondComparison() {
        predictions.pipeInput("L-1", LabFixtures.prediction("L-1", 250, 240, 300));
        send("LAB-1");
        send("LAB-1");
        assertEquals(2, examples.readValuesToList().size(), "the join makes an example each time it is delivered");
        assertEquals(1, performance.readValuesToList().size(), "but it is compared once");
        assertEquals(1, counts.redeliveredCount());
        send("LAB-2");
        assertEquals("LAB-2", performance.readValue().getLabResultId(), "another lab result of the lot is compared");
    }

    @Test
    void aLabResultForALotWithNoServedPredictionIsNotCompared() {
        send("LAB-1");
        assertEquals(1, examples.readValuesToList().size());
        assertTrue(performance.isEmpty());
        assertEquals(1, counts.unpredictedCount());
    }

    private void send(String labResultId) {
        labResults.pipeInput("L-1".getBytes(StandardCharsets.UTF_8),
                LAB.toBytes(LabFixtures.labInPpmMol(labResultId, "L-1").build()), LabFixtures.T0);
    }
}
