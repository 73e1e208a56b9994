package io.reescreen.retrainer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;
import io.reescreen.retrainer.RetrainerSerdes;
import io.reescreen.schemas.AvroBinarySerde;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabResultGenerator;
import io.reescreen.simulator.lab.SimulatedLabResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The lab simulator's output through the join: the simulator converts the truth to element mg/kg with the model
 * library, the join converts it back, so each example must carry the truth (with the site offset) within the
 * analytical noise, and every bad kind must land on the DLQ with the reason the simulator expects.
 */
class SimulatedLabResultsJoinTest {

    private static final AvroBinarySerde<LabResult> LAB = new AvroBinarySerde<>(LabResult.class);
    private static final RetrainerSerdes SERDES = new RetrainerSerdes(LAB, new AvroBinarySerde<>(LotInfo.class),
            new AvroBinarySerde<>(LotComposition.class), new AvroBinarySerde<>(TrainingExample.class));

    @Test
    void simulatedResultsComeBackAsTheOffsetTruthAndBadOnesWithTheirReason() throws Exception {
        List<SimulatedLot> lots = LotMix.of(60, 0.3, 11).draw("join");
        LabPlan plan = LabPlan.builder().seed(5).labResultFraction(0.8).badFraction(0.2).build();
        List<SimulatedLabResult> results = LabResultGenerator.generate(lots, plan);

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "simulated-join-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("simulated-join-").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(
                LabelledExampleTopology.buildTopology(ExampleJoinSettings.defaults(), SERDES), props)) {
            TestInputTopic<String, LotInfo> lotTopic = driver.createInputTopic(Topics.LOTS.name(), new StringSerializer(),
                    SERDES.lotInfo().serializer());
            TestInputTopic<String, LotComposition> compositions = driver.createInputTopic(Topics.LOT_COMPOSITIONS.name(),
                    new StringSerializer(), SERDES.lotComposition().serializer());
            TestInputTopic<byte[], byte[]> labTopic = driver.createInputTopic(Topics.LAB_RESULTS.name(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            for (SimulatedLot lot : lots) {
                lotTopic.pipeInput(lot.lotId(), lot.toLotInfo(now));
                compositions.pipeInput(lot.lotId(), trueComposition(lot, now));
            }
            for (SimulatedLabResult r : results) {
                labTopic.pipeInput(r.lotId().getBytes(StandardCharsets.UTF_8), LAB.toBytes(r.labResult()), now);
            }

            Map<String, TrainingExample> examples = driver.createOutputTopic(Topics.TRAINING_EXAMPLES.name(),
                    new StringDeserializer(), SERDES.trainingExample().deserializer()).readValuesToList().stream()
                    .collect(Collectors.toMap(TrainingExample::getLabResultId, Function.identity()));
            Map<String, String> reasons = new HashMap<>();
            driver.createOutputTopic(Topics.LAB_RESULTS_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList().forEach(d -> reasons.put(LAB.fromBytes(d.value()).getLabResultId(),
                            DlqHeaders.text(d.headers(), DlqHeaders.REASON)));

            int good = 0;
            List<Double> ratios = new ArrayList<>();
            for (SimulatedLabResult r : results) {
                if (!r.isGood()) {
                    assertEquals(r.badKind().orElseThrow().expectedReason(), reasons.get(r.labResultId()), r.labResultId());
                    continue;
                }
                good++;
                TrainingExample e = examples.get(r.labResultId());
                assertEquals(r.siteId(), e.getSiteId());
                ReeOxidePpmMol expected = r.expectedPpmMol().orElseThrow();
                Map<ReeTarget, Double> got = e.getTargets().stream()
                        .collect(Collectors.toMap(ReeTargetValue::getTarget, ReeTargetValue::getValuePpmMol));
                for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
                    double ratio = got.get(ReeTarget.valueOf(oxide.element().symbol())) / expected.ppmMol(oxide);
                    assertTrue(Math.abs(ratio - 1) < 5 * plan.relativeNoise(), oxide.formula() + " ratio " + ratio);
                    ratios.add(ratio);
                }
            }
            assertEquals(good, examples.size(), "every good result became exactly one example");
            assertEquals(results.size() - good, reasons.size(), "every bad one was dead-lettered once");
            assertTrue(good > 30 && reasons.size() > 5, good + " good, " + reasons.size() + " bad");
            double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertEquals(1.0, mean, 0.005, "no bias from the round trip through the units (SE of the mean about 0.1 %)");
        }
    }

    /** What a perfect screener would publish: the lot's true composition, renormalised mol %. */
    private static LotComposition trueComposition(SimulatedLot lot, Instant at) {
        List<io.reescreen.schemas.OxideMolPct> oxides = new ArrayList<>();
        double sum = lot.trueMolPct().sumMolPct();
        for (MajorOxide o : MajorOxide.values()) {
            oxides.add(io.reescreen.schemas.OxideMolPct.newBuilder().setOxide(io.reescreen.schemas.MajorOxide.valueOf(o.formula()))
                    .setMeanMolPct(100 * lot.trueMolPct().molPct(o) / sum).setSpreadMolPct(0).setStandardErrorMolPct(0)
                    .setByDifference(false).build());
        }
        return LotComposition.newBuilder().setLotId(lot.lotId()).setSiteId(lot.siteId()).setShotCount(10)
                .setAnalyzerIds(List.of("XRF-1")).setOxides(oxides).setFirstSampledAt(at).setLastSampledAt(at)
                .setLastReadingId("R-10").setUpdatedAt(at).build();
    }
}
