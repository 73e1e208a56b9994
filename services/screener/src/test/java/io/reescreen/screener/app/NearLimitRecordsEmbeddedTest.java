package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.screener.errors.RecordLimitProducer;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.SimulationReport;
import io.reescreen.simulator.XrfSimulator;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values close to the broker's size limit on the topics the screener reads besides readings (lots, models.releases):
 * a valid lot record and a valid model release of about 1,040,000 bytes, and as much garbage on each. None may stop
 * the screener: its streams stay RUNNING, the big lot's readings and later readings of other lots get predictions,
 * and the big release is served. (Near-limit readings are the readings validator's, with their dead letters.)
 */
@ExtendWith(EmbeddedStackExtension.class)
class NearLimitRecordsEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration PROCESSING = Duration.ofSeconds(60);
    /** Under the producer's default max.request.size (1,048,576) and the broker's message.max.bytes (1,048,588). */
    private static final int NEAR_LIMIT_BYTES = 1_040_000;

    @Test
    void nearLimitLotAndReleaseRecordsLeaveTheStreamsRunningAndReadingsStillGetPredictions(EmbeddedStack stack,
                                                                                           @TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String modelName = "it-near-limit-model-" + id;
        Map<String, Object> config = ScreenerServiceEmbeddedTest.config(stack, "it-near-limit-" + id, state, modelName);
        try (ScreenerService screener = ScreenerService.start(config);
             KafkaProducer<byte[], byte[]> raw = rawProducer(stack)) {
            screener.awaitRunning(STARTUP);
            URI base = screener.uri();
            Random random = new Random(7);

            // lots: a LotInfo whose basin fills it to the limit, and as much garbage under another key
            String bigLot = "nl" + id + "-BIG";
            Serializer<LotInfo> lots = stack.serdes().valueSerde(LotInfo.class).serializer();
            byte[] bigLotInfo = padded(len -> lots.serialize(Topics.LOTS.name(), LotInfo.newBuilder().setLotId(bigLot)
                    .setSiteId("YARD-NL").setAshOrigin(AshOrigin.FLY_ASH).setBasin("b".repeat(len))
                    .setUpdatedAt(Instant.now()).build()));
            send(raw, Topics.LOTS.name(), bigLot, bigLotInfo);
            send(raw, Topics.LOTS.name(), "nl" + id + "-GARBAGE", garbage(random));

            // models.releases: garbage, then a valid release whose note fills it to the limit
            send(raw, Topics.MODEL_RELEASES.name(), modelName, garbage(random));
            String version = "it-near-limit-v1-" + id;
            Serializer<ModelRelease> releases = stack.serdes().valueSerde(ModelRelease.class).serializer();
            byte[] artifact = ModelArtifactCodec.encode(shifted(screener.bootstrapModel().artifact(), 1.0));
            byte[] bigRelease = padded(len -> releases.serialize(Topics.MODEL_RELEASES.name(),
                    release(modelName, version, artifact, "n".repeat(len))));
            send(raw, Topics.MODEL_RELEASES.name(), modelName, bigRelease);

            await().atMost(PROCESSING).until(() -> version.equals(screener.model().info().version()));
            // Counted by this model's dead letters: the screener's gate judges every release on the topic, so its
            // rejection count also holds other test classes' refused releases, read from the shared broker.
            List<ConsumerRecord<byte[], byte[]>> refused = TopicReader.read(stack.bootstrapServers(),
                    Topics.MODEL_RELEASES_DLQ.name(),
                    r -> r.key() != null && modelName.equals(new String(r.key(), StandardCharsets.UTF_8)), 1, PROCESSING);
            assertEquals(1, refused.size(), "the garbage release was refused, the big one served");
            MicrometerScreenerMetrics metrics = screener.metrics();
            assertTrue(metrics.releasesRejected() >= 1);
            assertEquals(KafkaStreams.State.RUNNING, screener.streamsState());

            // readings of the big lot, and a simulated run over other lots afterwards
            Serializer<XrfReading> readings = stack.serdes().valueSerde(XrfReading.class).serializer();
            Instant sampled = Instant.now().minusSeconds(60);
            for (int i = 0; i < 3; i++) {
                XrfReading reading = Readings.oxides(bigLot, bigLot + "-r" + i, Readings.typicalWtPct())
                        .setSampledAt(sampled.plusSeconds(i)).build();
                send(raw, Topics.XRF_READINGS.name(), bigLot, readings.serialize(Topics.XRF_READINGS.name(), reading));
            }
            SimulationReport report;
            try (XrfSimulator simulator = new XrfSimulator(stack.bootstrapServers(), stack.serdes(),
                    SimulationPlan.builder().runId("nl" + id).seed(5).lotMix(LotMix.of(3, 0.5, 5)).shotsPerLot(2)
                            .totalReadings(6)
                            .clock(ShotClock.stepping(Instant.now().minus(Duration.ofMinutes(30)),
                                    Duration.ofMillis(100))).build())) {
                report = simulator.run();
            }
            Map<String, Long> expected = new HashMap<>(report.goodReadingsPerLot());
            expected.put(bigLot, 3L);
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (Map.Entry<String, Long> lot : expected.entrySet()) {
                    Http.Answer answer = Http.get(base, "lots/" + lot.getKey());
                    assertEquals(200, answer.status(), lot.getKey());
                    JsonNode view = answer.json();
                    assertEquals(lot.getValue().longValue(), view.path("prediction").path("readingCount").asLong(),
                            lot.getKey());
                    assertEquals(version, view.path("prediction").path("modelVersion").asText(), lot.getKey());
                }
            });
            JsonNode big = Http.get(base, "lots/" + bigLot).json();
            // A basin of a megabyte is no lot metadata: it went to lots.dlq (cut to fit), and the lot's readings count
            // as those of a lot without metadata.
            assertTrue(big.path("lotInfo").path("basin").asText().isEmpty(), "the big lot record was not kept");
            // By this test's keys: every screener reads the whole lots topic, other classes' bad lots included.
            List<ConsumerRecord<byte[], byte[]>> deadLots = TopicReader.read(stack.bootstrapServers(),
                    Topics.LOTS_DLQ.name(), r -> r.key() != null
                            && new String(r.key(), StandardCharsets.UTF_8).startsWith("nl" + id + "-"), 2, PROCESSING);
            assertEquals(2, deadLots.size(), "the big lot record and the garbage went to lots.dlq");
            assertTrue(metrics.registry().get(MicrometerScreenerMetrics.LOTS_DLQ).counters().stream()
                    .mapToDouble(c -> c.count()).sum() >= 2.0);

            assertEquals(KafkaStreams.State.RUNNING, screener.streamsState());
            assertTrue(screener.streamsFailure().isEmpty(), screener.streamsFailure().toString());
            assertEquals(0.0, metrics.registry().get("reescreen.streams.failures").counters().stream()
                    .mapToDouble(c -> c.count()).sum());
            assertEquals(0.0, metrics.registry().get(MicrometerScreenerMetrics.PRODUCTION_ERRORS).counters().stream()
                    .mapToDouble(c -> c.count()).sum(), "no output came near the limit");
        }
    }

    /** A record of about {@link #NEAR_LIMIT_BYTES}, made by {@code make} with its padding field {@code len} long. */
    private static byte[] padded(IntFunction<byte[]> make) {
        int overhead = make.apply(0).length;
        byte[] bytes = make.apply(NEAR_LIMIT_BYTES - overhead);
        assertTrue(Math.abs(bytes.length - NEAR_LIMIT_BYTES) < 16, "size " + bytes.length);
        assertTrue(RecordLimitProducer.sizeOf(new ProducerRecord<>("t", new byte[64], bytes)) < 1_048_576);
        return bytes;
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[NEAR_LIMIT_BYTES];
        random.nextBytes(bytes);
        bytes[0] = 0; // Confluent's magic byte, then a schema id no registry knows
        bytes[1] = 0x7f;
        return bytes;
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(EmbeddedStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static ModelArtifact shifted(ModelArtifact a, double deltaPpmMol) {
        double[] mean = a.targetScaler().mean().clone();
        mean[0] += deltaPpmMol;
        return new ModelArtifact(a.features(), a.inputScaler(), new StandardScaler(mean, a.targetScaler().std()),
                a.domain(), a.weights(), Map.of("derived", "bootstrap, total shifted by " + deltaPpmMol,
                "synthetic", "true"), Map.of(), a.residualRelativeSd());
    }

    private static ModelRelease release(String name, String version, byte[] artifact, String note) {
        List<io.reescreen.schemas.MajorOxide> features = new ArrayList<>();
        FeatureSet.PAPER_SIX.oxides().forEach(o -> features.add(SchemaEnums.oxide(o)));
        return ModelRelease.newBuilder()
                .setModelName(name)
                .setVersion(version)
                .setAction(ReleaseAction.PUBLISH)
                .setCreatedAt(Instant.now())
                .setFeatures(features)
                .setArtifactFormatVersion(ModelArtifactCodec.FORMAT_VERSION)
                .setArtifact(ByteBuffer.wrap(artifact))
                .setArtifactSha256(ModelArtifactCodec.sha256Hex(artifact))
                .setNote(note)
                .build();
    }
}
