package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ModelMetric;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.reescreen.release.ReleaseKey;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.simulator.BadInputKind;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.ShotGenerator;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.SimulationReport;
import io.reescreen.simulator.SimulatorHeaders;
import io.reescreen.simulator.XrfSimulator;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screener service on the embedded broker and registry, fed by the XRF simulator: every reading is accounted for
 * exactly once, the HTTP API answers, models hot-swap over models.releases, a corrupt release changes nothing and a
 * site's release scores that site's lots while the other sites keep the base.
 * Each test has its own application.id, state directory and model name, so the two never see each other's state.
 */
@ExtendWith(EmbeddedStackExtension.class)
public class ScreenerServiceEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration PROCESSING = Duration.ofSeconds(60);

    /** A small synthetic bootstrap model, so that start-up takes seconds (also the board's browser test). */
    public static Map<String, Object> config(EmbeddedStack stack, String applicationId, Path stateDir, String modelName) {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", stack.bootstrapServers());
        p.put("reescreen.registry.url", stack.registryUrl());
        p.put("kafka.streams.screener.application.id", applicationId);
        p.put("kafka.streams.screener.state.dir", stateDir.toString());
        p.put("micronaut.server.port", -1);
        p.put("reescreen.screener.model-name", modelName);
        p.put("reescreen.screener.bootstrap.synthetic-rows", 120);
        p.put("reescreen.screener.bootstrap.members", 3);
        p.put("reescreen.screener.bootstrap.epochs", 8);
        p.put("reescreen.screener.prediction.noise-samples", 16);
        return p;
    }

    @Test
    void screensSimulatedReadingsHotSwapsModelsAndAnswersOverHttp(EmbeddedStack stack, @TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String modelName = "it-model-" + id;
        Map<String, Object> config = config(stack, "it-screener-" + id, state, modelName);
        config.put("reescreen.screener.require-lot-info", "true"); // UNKNOWN_LOT readings are dead-lettered
        try (ScreenerService screener = ScreenerService.start(config)) {
            screener.awaitRunning(STARTUP);
            URI base = screener.uri();
            String bootstrapVersion = screener.model().info().version();
            assertTrue(bootstrapVersion.startsWith("bootstrap-synthetic-"), bootstrapVersion);
            assertEquals(modelName, screener.model().info().modelName());
            assertEquals("exactly_once_v2", screener.streamsConfig().getProperty("processing.guarantee"));
            assertEquals("reuse.ktable.source.topics", screener.streamsConfig().getProperty("topology.optimization"));
            assertEquals("localhost:" + screener.httpPort(), screener.streamsConfig().getProperty("application.server"));

            // --- readings from the simulator: good and bad of every kind -------------------------------------------
            SimulationPlan plan = SimulationPlan.builder()
                    .runId("it" + id).seed(11)
                    .lotMix(LotMix.of(5, 0.4, 11))
                    .shotsPerLot(4)
                    .totalReadings(160)
                    .badInputFraction(0.3)
                    .clock(ShotClock.stepping(Instant.now().minus(Duration.ofHours(1)), Duration.ofMillis(100)))
                    .build();
            SimulationReport expected = SimulationReport.tally(plan, ShotGenerator.stream(plan).toList());
            for (BadInputKind kind : BadInputKind.values()) {
                assertTrue(expected.badReadings(kind) > 0, "the plan makes every bad kind: " + expected.badReadingsPerKind());
            }
            SimulationReport report = run(stack, plan);
            assertEquals(160, report.readingsSent());
            assertEquals(0, report.failedSends());
            assertEquals(report.readingsSent(), report.goodReadings() + report.badReadings());
            Set<String> lots = report.goodReadingsPerLot().keySet();
            assertEquals(5, lots.size());
            lots.forEach(lot -> assertTrue(report.goodReadingsPerLot().get(lot) > 0, lot));

            // every good reading counted in its lot exactly once, as the store sees it ...
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String lot : lots) {
                    Http.Answer answer = Http.get(base, "lots/" + lot);
                    assertEquals(200, answer.status(), answer.body());
                    JsonNode view = answer.json();
                    assertEquals(report.goodReadingsPerLot().get(lot).longValue(),
                            view.path("composition").path("shotCount").asLong(), lot);
                    assertEquals(report.goodReadingsPerLot().get(lot).longValue(),
                            view.path("prediction").path("readingCount").asLong(), lot);
                }
            });

            // ... and as the topics carry it: compositions are published with the (coalesced) predictions, so at most
            // one per good reading, each lot's shot count only grows, and the last one counts every good reading
            Deserializer<LotComposition> compositions = stack.serdes().valueSerde(LotComposition.class).deserializer();
            Deserializer<ReePrediction> predictions = stack.serdes().valueSerde(ReePrediction.class).deserializer();
            List<ConsumerRecord<byte[], byte[]>> compositionRecords = TopicReader.read(stack.bootstrapServers(),
                    Topics.LOT_COMPOSITIONS.name(), r -> lots.contains(key(r)), lots.size(), PROCESSING);
            assertTrue(compositionRecords.size() <= report.goodReadings(),
                    compositionRecords.size() + " compositions for " + report.goodReadings() + " good readings");
            Map<String, Integer> shotsSoFar = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : compositionRecords) {
                int shots = compositions.deserialize(r.topic(), r.headers(), r.value()).getShotCount();
                assertTrue(shots > shotsSoFar.getOrDefault(key(r), 0), key(r) + ": shot count went to " + shots
                        + " from " + shotsSoFar.get(key(r)));
                shotsSoFar.put(key(r), shots);
            }
            Map<String, LotComposition> latestComposition = latest(compositionRecords, compositions);
            assertEquals(lots, latestComposition.keySet());
            long counted = 0;
            for (String lot : lots) {
                LotComposition c = latestComposition.get(lot);
                assertEquals(report.goodReadingsPerLot().get(lot).longValue(), c.getShotCount(), lot);
                assertEquals(10, c.getOxides().size());
                counted += c.getShotCount();
            }
            assertEquals(report.goodReadings(), counted, "every good reading in exactly one lot");

            // Predictions are coalesced (the service's default interval): at most one per good reading, each lot's
            // reading count only grows, and the last one covers every good reading of the lot.
            List<ConsumerRecord<byte[], byte[]>> predictionRecords = TopicReader.read(stack.bootstrapServers(),
                    Topics.REE_PREDICTIONS.name(), r -> lots.contains(key(r)), lots.size(), PROCESSING);
            assertTrue(predictionRecords.size() <= report.goodReadings(),
                    predictionRecords.size() + " predictions for " + report.goodReadings() + " good readings");
            Map<String, Integer> countSoFar = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : predictionRecords) {
                int count = predictions.deserialize(r.topic(), r.headers(), r.value()).getReadingCount();
                int before = countSoFar.getOrDefault(key(r), 0);
                assertTrue(count > before, key(r) + ": a prediction after " + before + " readings counts " + count);
                countSoFar.put(key(r), count);
            }
            Map<String, ReePrediction> latestPrediction = latest(predictionRecords, predictions);
            assertEquals(lots, latestPrediction.keySet(), "every lot has a prediction");
            for (String lot : lots) {
                ReePrediction p = latestPrediction.get(lot);
                assertEquals(bootstrapVersion, p.getModelVersion());
                assertEquals(modelName, p.getModelName());
                assertEquals(17, p.getOutputs().size());
                assertEquals(report.goodReadingsPerLot().get(lot).intValue(), p.getReadingCount());
            }

            // every bad reading in the DLQ once, with the reason its kind predicts
            Map<String, BadInputKind> badKinds = new HashMap<>();
            report.badReadingIdsPerKind().forEach((kind, ids) -> ids.forEach(i -> badKinds.put(i, kind)));
            assertEquals(report.badReadings(), badKinds.size());
            List<ConsumerRecord<byte[], byte[]>> dlq = TopicReader.read(stack.bootstrapServers(),
                    Topics.XRF_READINGS_DLQ.name(), r -> badKinds.containsKey(readingId(r)), report.badReadings(),
                    PROCESSING);
            assertEquals(report.badReadings(), dlq.size(), "every bad reading dead-lettered exactly once");
            assertEquals(badKinds.keySet(), dlq.stream().map(ScreenerServiceEmbeddedTest::readingId)
                    .collect(Collectors.toSet()));
            Map<DlqReason, Long> expectedPerReason = new EnumMap<>(DlqReason.class);
            for (ConsumerRecord<byte[], byte[]> r : dlq) {
                BadInputKind kind = badKinds.get(readingId(r));
                assertEquals(kind.expectedReason(), DlqHeaders.text(r.headers(), DlqHeaders.REASON), readingId(r));
                assertEquals(Topics.XRF_READINGS.name(), DlqHeaders.text(r.headers(), DlqHeaders.SOURCE_TOPIC));
                expectedPerReason.merge(DlqReason.valueOf(kind.expectedReason()), 1L, Long::sum);
            }
            // the counters say the same; at least, since the stack is shared by every test class in this JVM and this
            // new application id reads xrf.readings from the start, other classes' bad readings included
            MicrometerScreenerMetrics metrics = screener.metrics();
            for (DlqReason reason : DlqReason.values()) {
                double count = metrics.registry().get(MicrometerScreenerMetrics.READINGS_DLQ)
                        .tag("reason", reason.name()).counter().count();
                assertTrue(count >= expectedPerReason.getOrDefault(reason, 0L).doubleValue(), reason.name() + ": " + count);
            }
            assertTrue(metrics.registry().get(MicrometerScreenerMetrics.READINGS_RECEIVED).counter().count()
                    >= report.readingsSent());
            assertEquals(0.0, metrics.registry().get(MicrometerScreenerMetrics.PREDICTIONS_FAILED).counter().count());

            // alerts: a lot that stands likely-high was announced on ree.alerts
            Deserializer<HighReeAlert> alerts = stack.serdes().valueSerde(HighReeAlert.class).deserializer();
            Set<String> likelyHigh = lots.stream().filter(lot -> Http.get(base, "lots/" + lot).json()
                    .path("verdict").path("likelyHigh").asBoolean()).collect(Collectors.toSet());
            if (!likelyHigh.isEmpty()) {
                Set<String> announced = TopicReader.read(stack.bootstrapServers(), Topics.REE_ALERTS.name(),
                                r -> likelyHigh.contains(key(r)), likelyHigh.size(), PROCESSING).stream()
                        .map(r -> alerts.deserialize(r.topic(), r.headers(), r.value()))
                        .filter(a -> a.getTransition() == AlertTransition.BECAME_LIKELY_HIGH)
                        .map(a -> a.getLotId()).collect(Collectors.toSet());
                assertEquals(likelyHigh, announced);
            }

            // --- the HTTP API ---------------------------------------------------------------------------------------
            String someLot = lots.iterator().next();
            Http.Answer lot = Http.get(base, "lots/" + someLot);
            assertTrue(lot.contentType().startsWith("application/json"), lot.contentType());
            JsonNode view = lot.json();
            assertEquals(someLot, view.path("lotId").asText());
            assertEquals("localhost:" + screener.httpPort(), view.path("servedBy").asText());
            assertEquals(someLot, view.path("lotInfo").path("lotId").asText(), "the lot's metadata from lots");
            assertEquals(10, view.path("composition").path("oxides").size());
            assertTrue(view.path("composition").path("oxides").path(0).has("meanMolPct"), view.toString());
            assertTrue(view.path("prediction").path("outputs").path(0).has("meanPpmMol"), view.toString());
            assertTrue(view.path("prediction").has("probTotalAtOrAboveThreshold"), view.toString());
            assertTrue(view.path("prediction").path("predictedAt").asText().endsWith("Z"), "ISO-8601 UTC");
            assertEquals(bootstrapVersion, view.path("verdict").path("modelVersion").asText());

            Http.Answer unknown = Http.get(base, "lots/no-such-lot-" + id);
            assertEquals(404, unknown.status(), unknown.body());

            JsonNode model = Http.get(base, "model").json();
            assertEquals(bootstrapVersion, model.path("version").asText());
            assertTrue(model.path("bootstrap").asBoolean());
            assertTrue(model.path("synthetic").asBoolean());
            assertEquals("3", model.path("summary").path("members").asText());
            // The release gate judges every release on models.releases, other test classes' garbage included (the
            // stack is shared in this JVM): count from here.
            long rejectedBefore = model.path("releasesRejected").asLong();
            Map<String, Long> rejectedBeforeByReason = screener.metrics().releasesRejectedByReason();

            Http.Answer health = Http.get(base, "health");
            assertEquals(200, health.status(), health.body());
            assertEquals("UP", health.json().path("status").asText(), health.body());
            assertEquals("RUNNING", health.json().path("details").path("screener").path("details")
                    .path("streamsState").asText(), health.body());
            assertEquals(200, Http.get(base, "health/readiness").status());

            Http.Answer prometheus = Http.get(base, "prometheus");
            assertEquals(200, prometheus.status());
            for (String series : List.of("reescreen_screener_readings_received_total",
                    "reescreen_screener_readings_dlq_total{reason=\"UNDECODABLE\"",
                    "reescreen_screener_predictions_total", "reescreen_screener_prediction_latency_seconds_count",
                    "reescreen_screener_alerts_total{transition=\"BECAME_LIKELY_HIGH\"",
                    "reescreen_screener_releases_rejected_total{reason=\"CHECKSUM_MISMATCH\"",
                    "reescreen_screener_model_info{bootstrap=\"true\",model_name=\"" + modelName + "\",version=\""
                            + bootstrapVersion + "\"}")) {
                assertTrue(prometheus.body().contains(series), "/prometheus has " + series);
            }

            // --- hot swap over Kafka --------------------------------------------------------------------------------
            ModelArtifact next = shifted(screener.bootstrapModel().artifact(), 1.0);
            String v2 = "it-v2-" + id;
            ModelRelease good = release(modelName, v2, ModelArtifactCodec.encode(next), null);
            good.setMetrics(List.of(new ModelMetric("test_mape_total_ree_pct", 12.5, "percent")));
            publish(stack, good);
            await().atMost(PROCESSING).until(() -> v2.equals(screener.model().info().version()));

            SimulationPlan second = smallPlan("it2" + id, 2, 3);
            SimulationReport secondReport = run(stack, second);
            awaitPredictions(base, secondReport, v2);
            JsonNode swapped = Http.get(base, "model").json();
            assertEquals(v2, swapped.path("version").asText());
            assertFalse(swapped.path("bootstrap").asBoolean());
            assertEquals("PUBLISH", swapped.path("action").asText());
            assertEquals("percent", swapped.path("metrics").get(0).path("unit").asText(), swapped.toString());
            assertEquals(1, swapped.path("releasesAccepted").asLong());

            // --- corrupt releases leave v2 serving --------------------------------------------------------------------
            byte[] bytes = ModelArtifactCodec.encode(shifted(next, 1.0));
            byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
            publish(stack, release(modelName, "it-v3-truncated-" + id, truncated, ModelArtifactCodec.sha256Hex(truncated)));
            publish(stack, release(modelName, "it-v3-badsum-" + id, bytes, "00" + ModelArtifactCodec.sha256Hex(bytes).substring(2)));
            await().atMost(PROCESSING).until(() -> metrics.releasesRejected() == rejectedBefore + 2);
            Map<String, Long> rejectedNow = new HashMap<>(metrics.releasesRejectedByReason());
            rejectedBeforeByReason.forEach((reason, n) -> rejectedNow.merge(reason, -n, Long::sum));
            rejectedNow.values().removeIf(n -> n == 0);
            assertEquals(Map.of(ReleaseRejection.UNDECODABLE_ARTIFACT.name(), 1L,
                    ReleaseRejection.CHECKSUM_MISMATCH.name(), 1L), rejectedNow);
            assertEquals(v2, screener.model().info().version());
            SimulationReport thirdReport = run(stack, smallPlan("it3" + id, 1, 2));
            awaitPredictions(base, thirdReport, v2);
            JsonNode afterCorrupt = Http.get(base, "model").json();
            assertEquals(v2, afterCorrupt.path("version").asText());
            assertEquals(rejectedBefore + 2, afterCorrupt.path("releasesRejected").asLong());
            List<String> modelInfo = Http.get(base, "prometheus").body().lines()
                    .filter(l -> l.startsWith("reescreen_screener_model_info{")).toList();
            assertEquals(1, modelInfo.size(), "one model in force: " + modelInfo);
            assertTrue(modelInfo.get(0).startsWith("reescreen_screener_model_info{bootstrap=\"false\",model_name=\""
                    + modelName + "\",version=\"" + v2 + "\"} 1"), modelInfo.get(0));

            // --- a site's own model: that site's lots are scored with it, the other sites' keep the base (v2) --------
            String a1 = "it-a1-" + id;
            ModelRelease siteRelease = release(modelName, a1, ModelArtifactCodec.encode(shifted(next, 2.0)), null);
            siteRelease.setSiteId("YARD-A");
            siteRelease.setParentVersion(v2);
            publish(stack, siteRelease);
            await().atMost(PROCESSING).until(() -> screener.model().siteInfo("YARD-A").map(i -> i.version())
                    .filter(a1::equals).isPresent());
            assertEquals(v2, screener.model().info().version(), "a site's release leaves the base alone");
            SimulationReport siteReport = run(stack, smallPlan("it4" + id, 2, 2)); // one YARD-A lot, one YARD-B lot
            assertEquals(2, siteReport.goodReadingsPerLot().size());
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (Map.Entry<String, Long> siteLot : siteReport.goodReadingsPerLot().entrySet()) {
                    JsonNode prediction = Http.get(base, "lots/" + siteLot.getKey()).json().path("prediction");
                    assertEquals(siteLot.getValue().longValue(), prediction.path("readingCount").asLong(),
                            siteLot.getKey());
                    boolean yardA = siteLot.getKey().startsWith("YARD-A-");
                    assertEquals(yardA ? a1 : v2, prediction.path("modelVersion").asText(), prediction.toString());
                    assertEquals(yardA ? "YARD-A" : null, prediction.path("modelSiteId").isNull() ? null
                            : prediction.path("modelSiteId").asText(), prediction.toString());
                }
            });
            JsonNode withSite = Http.get(base, "model").json();
            assertEquals(v2, withSite.path("version").asText(), "the base's fields stay the base's");
            assertEquals(1, withSite.path("sites").size(), withSite.toString());
            assertEquals("YARD-A", withSite.path("sites").get(0).path("siteId").asText());
            assertEquals(a1, withSite.path("sites").get(0).path("version").asText());
            assertEquals(v2, withSite.path("sites").get(0).path("parentVersion").asText());
            assertEquals(modelName + "@YARD-A", withSite.path("sites").get(0).path("releaseKey").asText());
            String siteGauge = "reescreen_screener_site_model_info{model_name=\"" + modelName
                    + "\",site=\"YARD-A\",version=\"" + a1 + "\"} 1";
            assertTrue(Http.get(base, "prometheus").body().contains(siteGauge), "/prometheus has " + siteGauge);

            // --- shutdown: streams first, then the model ------------------------------------------------------------
            CurrentModel models = screener.model();
            KafkaStreams streams = screener.streams();
            screener.close();
            assertEquals(KafkaStreams.State.NOT_RUNNING, streams.state());
            assertThrows(IllegalStateException.class, models::acquire, "the model holder is closed");
        }
    }

    @Test
    void aLotOnAnotherInstanceIsFetchedFromIt(EmbeddedStack stack, @TempDir Path stateA, @TempDir Path stateB)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "it-forward-" + id;
        String modelName = "it-forward-model-" + id;
        Map<String, Object> configA = config(stack, applicationId, stateA, modelName);
        Map<String, Object> configB = config(stack, applicationId, stateB, modelName);
        configA.put("reescreen.screener.stores.persistent", "false");
        configB.put("reescreen.screener.stores.persistent", "false");
        try (ScreenerService a = ScreenerService.start(configA)) {
            a.awaitRunning(STARTUP);
            try (ScreenerService b = ScreenerService.start(configB)) {
                b.awaitRunning(STARTUP);
                await().atMost(STARTUP).until(() -> a.streamsState() == KafkaStreams.State.RUNNING
                        && b.streamsState() == KafkaStreams.State.RUNNING
                        && hasActiveTasks(a.streams()) && hasActiveTasks(b.streams()));
                String hostA = "localhost:" + a.httpPort();
                String hostB = "localhost:" + b.httpPort();

                // lots on both instances: a run whose lot ids land on partitions of each
                SimulationPlan plan = null;
                for (int attempt = 0; plan == null; attempt++) {
                    assertTrue(attempt < 100, "no run id puts lots on both instances");
                    SimulationPlan candidate = smallPlan("fw" + attempt + id, 6, 2);
                    Set<String> owners = candidate.lots().stream().map(l -> owner(a.streams(), l.lotId()))
                            .collect(Collectors.toSet());
                    if (owners.contains(hostA) && owners.contains(hostB)) {
                        plan = candidate;
                    }
                }
                SimulationReport report = run(stack, plan);
                Map<String, String> servedBy = new TreeMap<>();
                await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    for (String lot : report.goodReadingsPerLot().keySet()) {
                        for (ScreenerService asked : List.of(a, b)) {
                            Http.Answer answer = Http.get(asked.uri(), "lots/" + lot);
                            assertEquals(200, answer.status(), answer.body());
                            JsonNode view = answer.json();
                            assertEquals(2, view.path("composition").path("shotCount").asInt(), answer.body());
                            assertNotNull(view.path("prediction").path("modelVersion").textValue(), answer.body());
                            servedBy.put(lot + " via " + asked.httpPort(), view.path("servedBy").asText());
                        }
                    }
                });
                // each lot is answered by the instance that holds it, whichever instance was asked
                for (String lot : report.goodReadingsPerLot().keySet()) {
                    assertEquals(servedBy.get(lot + " via " + a.httpPort()), servedBy.get(lot + " via " + b.httpPort()));
                }
                assertEquals(Set.of(hostA, hostB), new HashSet<>(servedBy.values()), servedBy.toString());
            }
        }
    }

    /**
     * Fifty readings of one lot between two commits: the cached lot-aggregates store writes the lot to its changelog
     * once per commit (here a commit every second), not once per reading, and the last record is the whole lot.
     */
    @Test
    void cachedStoresWriteOneChangelogRecordPerLotPerCommit(EmbeddedStack stack, @TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "it-cache-" + id;
        Map<String, Object> config = config(stack, applicationId, state, "it-cache-model-" + id);
        config.put("kafka.streams.screener.commit.interval.ms", "1000");
        String lot = "L-CACHE-" + id;
        int readings = 50;
        String hop = applicationId + "-readings-by-lot-repartition";
        try (ScreenerService screener = ScreenerService.start(config)) {
            screener.awaitRunning(STARTUP);
            // Other test classes in this JVM left readings on xrf.readings, some of them misrouted on purpose; this new
            // application reads them from the start and hops those. The hop is measured from after them.
            long hopBefore = hopEndAfterTheBacklog(stack, applicationId, hop);
            try (KafkaProducer<String, XrfReading> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 50), new StringSerializer(),
                    stack.serdes().valueSerde(XrfReading.class).serializer())) {
                for (int i = 0; i < readings; i++) {
                    producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), lot,
                            Readings.oxides(lot, "R-" + i, Readings.typicalWtPct()).build()));
                }
            }
            Deserializer<LotComposition> compositions = stack.serdes().valueSerde(LotComposition.class).deserializer();
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<ConsumerRecord<byte[], byte[]>> published = TopicReader.read(stack.bootstrapServers(),
                        Topics.LOT_COMPOSITIONS.name(), r -> lot.equals(key(r)), 1, PROCESSING);
                assertTrue(published.size() <= readings, published.size() + " compositions for " + readings
                        + " readings");
                ConsumerRecord<byte[], byte[]> last = published.get(published.size() - 1);
                assertEquals(readings, compositions.deserialize(last.topic(), last.headers(), last.value())
                        .getShotCount(), "the last composition has every reading");
            });
            List<ConsumerRecord<byte[], byte[]>> changelog = TopicReader.read(stack.bootstrapServers(),
                    applicationId + "-" + StoreNames.LOT_AGGREGATES + "-changelog", r -> lot.equals(key(r)), 1,
                    PROCESSING);
            assertTrue(changelog.size() >= 1 && changelog.size() <= 10,
                    "one changelog record per commit, not one per reading: " + changelog.size());
            byte[] last = changelog.get(changelog.size() - 1).value();
            assertEquals(readings, LotAggregate.SERDE.deserializer().deserialize("changelog", last).shotCount());
            // Sent by Java's default partitioner onto their lot's partition, none took the hop (the end offsets, since
            // Kafka Streams purges a repartition topic's committed records). The backlog's last transaction may still
            // add its commit marker, one per partition, after its offsets show as committed; 50 hops would add 50.
            long added = endOffsets(stack, hop) - hopBefore;
            assertTrue(added <= Topics.LOT_PARTITIONS, added + " records written to " + hop + " for " + lot
                    + " (at most the backlog's " + Topics.LOT_PARTITIONS + " transaction markers)");
        }
    }

    /**
     * Readings waiting before the screener starts: its consumers' lag shows as the input backlog gauge (what tells
     * the prediction flush it is behind, so it scores each changed lot at most once per backlog interval), and falls
     * to zero once it has caught up, with every reading counted once.
     */
    @Test
    void aBacklogOfReadingsShowsAsTheInputBacklogUntilTheScreenerCatchesUp(EmbeddedStack stack, @TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = config(stack, "it-backlog-" + id, state, "it-backlog-model-" + id);
        // Started by hand once the gauge is watched: a warm JVM catches up with the backlog in about a second.
        config.put(ScreenerRuntime.AUTO_START, "false");
        List<String> lots = List.of("L-BACKLOG-A-" + id, "L-BACKLOG-B-" + id, "L-BACKLOG-C-" + id);
        // Small, because every later test's new application reads xrf.readings from the start (a backlog of 18,000
        // here held another test's two instances on one until its probe gave up); so a low threshold.
        int perLot = 2_000;
        long threshold = 300;
        config.put(ScreenerSettings.PREDICTION_BACKLOG_RECORDS, Long.toString(threshold));
        try (KafkaProducer<String, XrfReading> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(),
                stack.serdes().valueSerde(XrfReading.class).serializer())) {
            for (int i = 0; i < perLot; i++) {
                for (String lot : lots) {
                    producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), lot,
                            Readings.oxides(lot, "R-" + i, Readings.typicalWtPct()).build()));
                }
            }
        }
        try (ScreenerService screener = ScreenerService.start(config)) {
            var gauge = screener.context().getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("reescreen.screener.input.backlog").gauge();
            double[] most = {0};
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    most[0] = Math.max(most[0], gauge.value());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.setDaemon(true);
            watcher.start();
            screener.startStreams();
            Deserializer<ReePrediction> predictions = stack.serdes().valueSerde(ReePrediction.class).deserializer();
            Map<String, Integer> counted = new HashMap<>();
            await().atMost(PROCESSING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                counted.clear();
                for (ConsumerRecord<byte[], byte[]> r : TopicReader.read(stack.bootstrapServers(),
                        Topics.REE_PREDICTIONS.name(), r -> lots.contains(key(r)), lots.size(), PROCESSING)) {
                    counted.merge(key(r), predictions.deserialize(r.topic(), r.headers(), r.value()).getReadingCount(),
                            Math::max);
                }
                assertEquals(lots.stream().collect(Collectors.toMap(l -> l, l -> perLot)), counted,
                        "every reading counted once");
            });
            await().atMost(PROCESSING).untilAsserted(() -> assertEquals(0.0, gauge.value(), "caught up"));
            watcher.interrupt();
            watcher.join();
            System.out.printf("input backlog: at most %.0f readings waiting seen by the gauge%n", most[0]);
            assertTrue(most[0] >= threshold,
                    "the backlog was seen: at most " + most[0] + " readings waiting");
        }
    }

    /** The hop's end offsets (summed) once the application has committed past every reading already on xrf.readings. */
    private static long hopEndAfterTheBacklog(EmbeddedStack stack, String applicationId, String hop) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArrayDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> readings = consumer.partitionsFor(Topics.XRF_READINGS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> backlog = consumer.endOffsets(readings);
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                backlog.forEach((tp, end) -> assertTrue(end == 0 || (committed.get(tp) != null
                        && committed.get(tp).offset() >= end), tp + ": committed " + committed.get(tp) + " of " + end));
            });
        }
        return endOffsets(stack, hop);
    }

    private static long endOffsets(EmbeddedStack stack, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            assertEquals(Topics.LOT_PARTITIONS, partitions.size(), "Kafka Streams made " + topic);
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void untilTheStreamsRunLookupsAnswer503AndTheServiceIsNotReady(EmbeddedStack stack, @TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = config(stack, "it-not-running-" + id, state, "it-not-running-model-" + id);
        config.put(ScreenerRuntime.AUTO_START, "false");
        try (ScreenerService screener = ScreenerService.start(config)) {
            URI base = screener.uri();
            assertEquals(KafkaStreams.State.CREATED, screener.streamsState());
            Http.Answer lot = Http.get(base, "lots/any-lot");
            assertEquals(503, lot.status(), lot.body());
            assertEquals("CREATED", lot.json().path("streamsState").asText());
            Http.Answer health = Http.get(base, "health");
            assertEquals(503, health.status(), health.body());
            assertEquals("DOWN", health.json().path("details").path("screener").path("status").asText(), health.body());
            assertEquals(503, Http.get(base, "health/readiness").status());
            // Until the streams have loaded models.releases the model in force is not settled (it was 200 with the
            // bootstrap's description before; the 503 now says why).
            Http.Answer model = Http.get(base, "model");
            assertEquals(503, model.status(), model.body());
            assertEquals("CREATED", model.json().path("streamsState").asText(), model.body());

            screener.startStreams();
            screener.awaitRunning(STARTUP);
            assertEquals(200, Http.get(base, "health/readiness").status());
            assertEquals(404, Http.get(base, "lots/any-lot").status());
            assertEquals(200, Http.get(base, "model").status());
        }
    }

    // ------------------------------------------------------------------------------------------------------------------

    private static SimulationReport run(EmbeddedStack stack, SimulationPlan plan) {
        try (XrfSimulator simulator = new XrfSimulator(stack.bootstrapServers(), stack.serdes(), plan)) {
            return simulator.run();
        }
    }

    /** Good readings only: {@code lots} lots, {@code shots} shots each. */
    private static SimulationPlan smallPlan(String runId, int lots, int shots) {
        return SimulationPlan.builder().runId(runId).seed(5).lotMix(LotMix.of(lots, 0.5, 5)).shotsPerLot(shots)
                .totalReadings((long) lots * shots)
                .clock(ShotClock.stepping(Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMillis(100)))
                .build();
    }

    private static void awaitPredictions(URI base, SimulationReport report, String version) {
        await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (Map.Entry<String, Long> lot : report.goodReadingsPerLot().entrySet()) {
                JsonNode view = Http.get(base, "lots/" + lot.getKey()).json();
                assertEquals(lot.getValue().longValue(), view.path("prediction").path("readingCount").asLong(),
                        view.toString());
                assertEquals(version, view.path("prediction").path("modelVersion").asText(), view.toString());
            }
        });
    }

    private static boolean hasActiveTasks(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    private static String owner(KafkaStreams streams, String lotId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(StoreNames.LOT_AGGREGATES, lotId,
                Serdes.String().serializer());
        return metadata.activeHost().host() + ":" + metadata.activeHost().port();
    }

    /** The artifact with every total-REE prediction moved by {@code deltaPpmMol}: another model, no training. */
    private static ModelArtifact shifted(ModelArtifact a, double deltaPpmMol) {
        double[] mean = a.targetScaler().mean().clone();
        mean[0] += deltaPpmMol;
        return new ModelArtifact(a.features(), a.inputScaler(), new StandardScaler(mean, a.targetScaler().std()),
                a.domain(), a.weights(), Map.of("derived", "bootstrap, total shifted by " + deltaPpmMol,
                "synthetic", "true"), Map.of("test_mape_total_ree_pct", 12.5), a.residualRelativeSd());
    }

    private static ModelRelease release(String name, String version, byte[] artifact, String sha256) {
        return ModelRelease.newBuilder()
                .setModelName(name)
                .setVersion(version)
                .setAction(ReleaseAction.PUBLISH)
                .setCreatedAt(Instant.now())
                .setFeatures(io.reescreen.model.units.FeatureSet.PAPER_SIX.oxides().stream().map(SchemaEnums::oxide)
                        .toList())
                .setArtifactFormatVersion(ModelArtifactCodec.FORMAT_VERSION)
                .setArtifact(ByteBuffer.wrap(artifact))
                .setArtifactSha256(sha256 == null ? ModelArtifactCodec.sha256Hex(artifact) : sha256)
                .build();
    }

    private static void publish(EmbeddedStack stack, ModelRelease release) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ModelRelease> producer = new KafkaProducer<>(config, new StringSerializer(),
                stack.serdes().valueSerde(ModelRelease.class).serializer())) {
            producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), ReleaseKey.of(release).toString(),
                    release)).get();
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static String readingId(ConsumerRecord<byte[], byte[]> r) {
        return SimulatorHeaders.readingId(r.headers()).orElse("");
    }

    private static <V> Map<String, V> latest(List<ConsumerRecord<byte[], byte[]>> records, Deserializer<V> values) {
        Map<String, V> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) { // one partition per lot, so topic order is lot order
            out.put(key(r), values.deserialize(r.topic(), r.headers(), r.value()));
        }
        return out;
    }
}
