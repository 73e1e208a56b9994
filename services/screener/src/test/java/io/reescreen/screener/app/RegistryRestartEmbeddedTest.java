package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.ShotGenerator;
import io.reescreen.simulator.SimulatedShot;
import io.reescreen.simulator.SimulationPlan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 4: with in-memory storage a restarted registry no longer knew the schema ids the screener had
 * cached, and every composition and prediction, old and new, was undecodable for every other consumer. With KafkaSQL
 * storage the screener screens on while the registry is down and after it is back, and an outside consumer (fresh
 * deserializers, nothing cached) decodes every composition and prediction written before, during and after.
 * Its own stack: restarting the shared one's registry would disturb other tests.
 */
class RegistryRestartEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration PROCESSING = Duration.ofSeconds(90);

    @Test
    void everyCompositionAndPredictionStaysDecodableAcrossARegistryRestartMidStream(@TempDir Path state) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        SimulationPlan plan = SimulationPlan.builder().runId("rr" + id).seed(11).lotMix(LotMix.of(3, 0.5, 7))
                .shotsPerLot(30).totalReadings(90)
                .clock(ShotClock.stepping(Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMillis(100)))
                .build();
        List<SimulatedShot> shots = ShotGenerator.stream(plan).toList();
        assertTrue(shots.stream().allMatch(SimulatedShot::isGood));
        Set<String> lots = shots.stream().map(SimulatedShot::lotId).collect(Collectors.toSet());

        try (EmbeddedStack stack = EmbeddedStack.start()) {
            Map<String, Object> config = ScreenerServiceEmbeddedTest.config(stack, "rr-screener-" + id, state, "rr-model-" + id);
            // One producer throughout: like an analyzer's, its serializer cached the schema id before the restart.
            try (ScreenerService screener = ScreenerService.start(config);
                 KafkaProducer<String, XrfReading> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                         ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                         new StringSerializer(), stack.serdes().valueSerde(XrfReading.class).serializer())) {
                screener.awaitRunning(STARTUP);
                send(producer, shots.subList(0, 30));
                awaitShotCounts(screener.uri(), counts(shots.subList(0, 30)));

                long down = System.nanoTime();
                CompletableFuture<Duration> restart = CompletableFuture.supplyAsync(() -> {
                    try {
                        return stack.restartRegistry(Duration.ofSeconds(2));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(500); // the registry is stopped by now (close() is the first thing restartRegistry does)
                send(producer, shots.subList(30, 60));
                awaitShotCounts(screener.uri(), counts(shots.subList(0, 60)));
                boolean processedWhileDown = !restart.isDone();
                Duration ready = restart.get();
                System.out.printf("registry down for %d ms (ready %d ms after its relaunch); 30 readings screened "
                                + "meanwhile: %s%n", Duration.ofNanos(System.nanoTime() - down).toMillis(), ready.toMillis(),
                        processedWhileDown ? "yes, before it was back" : "no, it was back first");

                send(producer, shots.subList(60, 90));
                awaitShotCounts(screener.uri(), counts(shots));
                await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    for (Map.Entry<String, Long> lot : counts(shots).entrySet()) {
                        JsonNode view = Http.get(screener.uri(), "lots/" + lot.getKey()).json();
                        assertEquals(lot.getValue().longValue(), view.path("prediction").path("readingCount").asLong());
                    }
                });
            }

            // An outside consumer after the restart: new deserializers, every id looked up in the restarted registry.
            RegistrySerdes outside = new RegistrySerdes(stack.registryUrl(), false);
            Deserializer<LotComposition> compositions = outside.valueSerde(LotComposition.class).deserializer();
            Deserializer<ReePrediction> predictions = outside.valueSerde(ReePrediction.class).deserializer();
            List<ConsumerRecord<byte[], byte[]>> compositionRecords = TopicReader.read(stack.bootstrapServers(),
                    Topics.LOT_COMPOSITIONS.name(), r -> lots.contains(key(r)), lots.size(), PROCESSING);
            List<ConsumerRecord<byte[], byte[]>> predictionRecords = TopicReader.read(stack.bootstrapServers(),
                    Topics.REE_PREDICTIONS.name(), r -> lots.contains(key(r)), lots.size(), PROCESSING);
            // Published with the coalesced predictions: at most one per reading, the last of each lot counting them all.
            assertTrue(compositionRecords.size() <= shots.size(), compositionRecords.size() + " compositions for "
                    + shots.size() + " readings");
            Map<String, Long> shotsPerLot = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : compositionRecords) {
                LotComposition c = compositions.deserialize(r.topic(), r.headers(), r.value());
                assertEquals(key(r), c.getLotId());
                shotsPerLot.put(key(r), (long) c.getShotCount());
            }
            assertEquals(counts(shots), shotsPerLot, "every reading, before and after the restart");
            long scored = 0;
            for (ConsumerRecord<byte[], byte[]> r : predictionRecords) {
                ReePrediction p = predictions.deserialize(r.topic(), r.headers(), r.value());
                assertEquals(key(r), p.getLotId());
                scored = Math.max(scored, p.getReadingCount());
            }
            assertTrue(scored >= 30, "predictions made after the restart decode too: " + scored);
            System.out.printf("outside consumer decoded %d compositions and %d predictions%n", compositionRecords.size(),
                    predictionRecords.size());
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static Map<String, Long> counts(List<SimulatedShot> shots) {
        return shots.stream().collect(Collectors.groupingBy(SimulatedShot::lotId, TreeMap::new, Collectors.counting()));
    }

    private static void send(KafkaProducer<String, XrfReading> producer, List<SimulatedShot> shots) {
        for (SimulatedShot shot : shots) {
            producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), shot.lotId(), shot.reading()));
        }
        producer.flush();
    }

    private static void awaitShotCounts(URI base, Map<String, Long> expected) {
        await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (Map.Entry<String, Long> lot : expected.entrySet()) {
                Http.Answer answer = Http.get(base, "lots/" + lot.getKey());
                assertEquals(200, answer.status(), answer.body());
                assertEquals(lot.getValue().longValue(), answer.json().path("composition").path("shotCount").asLong(),
                        lot.getKey());
            }
        });
    }
}
