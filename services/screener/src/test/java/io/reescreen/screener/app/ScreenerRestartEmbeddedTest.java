package io.reescreen.screener.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.ShotGenerator;
import io.reescreen.simulator.SimulatedShot;
import io.reescreen.simulator.SimulationPlan;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reading contributes to its lot exactly once across a restart: the screener stops after part of the stream,
 * a new instance with the same application id takes over from the committed state, and readings sent again
 * (as a producer retry or an analyzer re-sending after the outage would) are not counted twice. Lot updates
 * still waiting for their coalesced prediction when the first instance stops are scored by the second.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ScreenerRestartEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration PROCESSING = Duration.ofSeconds(60);

    @Test
    void everyReadingCountsOnceAcrossARestartAndResends(EmbeddedStack stack, @TempDir Path state) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = ScreenerServiceEmbeddedTest.config(stack, "restart-screener-" + id, state,
                "restart-model-" + id);
        // Static membership, as ./reescreen screener has: the second instance takes the partitions back at once
        // instead of after the first one's 45 s session (Kafka Streams does not leave the group on close).
        config.put("reescreen.screener.instance-name", "restart-" + id);
        SimulationPlan plan = SimulationPlan.builder().runId("rs" + id).seed(7).lotMix(LotMix.of(3, 0.5, 7))
                .shotsPerLot(20).totalReadings(60)
                .clock(ShotClock.stepping(Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMillis(100)))
                .build();
        List<SimulatedShot> shots = ShotGenerator.stream(plan).toList();
        assertTrue(shots.stream().allMatch(SimulatedShot::isGood), "a plan without bad input makes good shots");
        Map<String, Long> perLot = shots.stream()
                .collect(Collectors.groupingBy(SimulatedShot::lotId, TreeMap::new, Collectors.counting()));

        // The first run scores nothing (its prediction interval is an hour): its lots' updates wait in the pending
        // store when it stops, and the second run must score them without any new reading.
        List<SimulatedShot> before = shots.subList(0, 30);
        Map<String, Object> scoresLater = new HashMap<>(config);
        scoresLater.put(ScreenerSettings.PREDICTION_INTERVAL, "PT1H");
        try (ScreenerService first = ScreenerService.start(scoresLater)) {
            first.awaitRunning(STARTUP);
            send(stack, before);
            awaitShotCounts(first.uri(), counts(before));
            for (String lot : counts(before).keySet()) {
                JsonNode prediction = Http.get(first.uri(), "lots/" + lot).json().path("prediction");
                assertTrue(prediction.isMissingNode() || prediction.isNull(), lot + " not scored yet: " + prediction);
            }
        }

        // Readings 20..59: ten of them were counted before the restart and come again.
        List<SimulatedShot> after = shots.subList(20, 60);
        try (ScreenerService second = ScreenerService.start(config)) {
            second.awaitRunning(STARTUP);
            awaitPredictionCounts(second.uri(), counts(before));
            send(stack, after);
            awaitShotCounts(second.uri(), perLot);
            awaitPredictionCounts(second.uri(), perLot);
            assertEquals(60L, perLot.values().stream().mapToLong(Long::longValue).sum());
            assertTrue(second.metrics().registry().get(MicrometerScreenerMetrics.READINGS_DUPLICATE).counter().count() >= 10,
                    "the re-sent readings were recognised as duplicates");
        }
    }

    private static Map<String, Long> counts(List<SimulatedShot> shots) {
        return shots.stream().collect(Collectors.groupingBy(SimulatedShot::lotId, TreeMap::new, Collectors.counting()));
    }

    private static void send(EmbeddedStack stack, List<SimulatedShot> shots) {
        Serializer<XrfReading> values = stack.serdes().valueSerde(XrfReading.class).serializer();
        try (KafkaProducer<String, XrfReading> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), values)) {
            for (SimulatedShot shot : shots) {
                producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), shot.lotId(), shot.reading()));
            }
            producer.flush();
        }
    }

    private static void awaitPredictionCounts(URI base, Map<String, Long> expected) {
        await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (Map.Entry<String, Long> lot : expected.entrySet()) {
                JsonNode view = Http.get(base, "lots/" + lot.getKey()).json();
                assertEquals(lot.getValue().longValue(), view.path("prediction").path("readingCount").asLong(), lot.getKey());
            }
        });
    }

    private static void awaitShotCounts(URI base, Map<String, Long> expected) {
        await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (Map.Entry<String, Long> lot : expected.entrySet()) {
                Http.Answer answer = Http.get(base, "lots/" + lot.getKey());
                assertEquals(200, answer.status(), answer.body());
                JsonNode view = answer.json();
                assertEquals(lot.getValue().longValue(), view.path("composition").path("shotCount").asLong(), lot.getKey());
            }
        });
    }
}
