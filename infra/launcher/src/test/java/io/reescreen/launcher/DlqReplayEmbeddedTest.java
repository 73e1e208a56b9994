package io.reescreen.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.launcher.dlq.DeadLetterFilter;
import io.reescreen.launcher.dlq.DeadLetterReplay;
import io.reescreen.launcher.dlq.DeadLetterTopic;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.ShotGenerator;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulationPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlq stats} and {@code dlq replay} against the real screener on the embedded broker: readings of two lots
 * arrive before their lot metadata and are dead-lettered UNKNOWN_LOT; the lots are then published and the readings
 * replayed. One lot's replay is interrupted after its first transaction, the other's is left open by a producer that
 * vanished (as after kill -9); the re-runs re-admit the rest, every reading is counted exactly once, and later runs
 * re-admit nothing. Every command names its lot: other test classes share the topics.
 */
@ExtendWith(EmbeddedStackExtension.class)
class DlqReplayEmbeddedTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void deadLetteredReadingsAreReplayedExactlyOnceAcrossInterruptionsAndReruns(EmbeddedStack stack,
                                                                               @TempDir Path state) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        SimulationPlan plan = SimulationPlan.builder().runId("dlq" + id).seed(5).lotMix(LotMix.of(2, 0.5, 5))
                .shotsPerLot(3).totalReadings(6).badInputFraction(0)
                .clock(ShotClock.stepping(start.minus(Duration.ofHours(1)), Duration.ofMillis(100))).build();
        List<XrfReading> readings = ShotGenerator.goodReadings(plan, 6);
        String interrupted = plan.lots().get(0).lotId();
        String killed = plan.lots().get(1).lotId();
        Map<String, Long> perLot = new HashMap<>();
        readings.forEach(r -> perLot.merge(r.getLotId(), 1L, Long::sum));
        assertEquals(Map.of(interrupted, 3L, killed, 3L), perLot);

        try (ScreenerService screener = ScreenerService.start(config(stack, id, state));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            screener.awaitRunning(WAIT);
            var readingValues = stack.serdes().valueSerde(XrfReading.class).serializer();
            for (XrfReading r : readings) {
                producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), r.getLotId(),
                        readingValues.serialize(Topics.XRF_READINGS.name(), r))).get();
            }
            // No lot metadata yet: every reading is dead-lettered UNKNOWN_LOT.
            for (String lot : List.of(interrupted, killed)) {
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertEquals(0, run("dlq", "stats", "--topic", "xrf.readings.dlq", "--lot", lot, "--from",
                            start.toString(), "--bootstrap-servers", stack.bootstrapServers()), err());
                    assertTrue(out().matches("(?s).*\\n  UNKNOWN_LOT +3  .*"), out());
                });
            }
            // The operator's fix: the lots are published.
            var lotValues = stack.serdes().valueSerde(LotInfo.class).serializer();
            for (SimulatedLot lot : plan.lots()) {
                producer.send(new ProducerRecord<>(Topics.LOTS.name(), lot.lotId(),
                        lotValues.serialize(Topics.LOTS.name(), lot.toLotInfo(start)))).get();
            }
            for (String lot : List.of(interrupted, killed)) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                        .until(() -> lotView(screener.uri(), lot).path("lotInfo").isObject());
            }

            // A dry run counts and sends nothing.
            assertEquals(0, replay(stack, interrupted, "--dry-run"), err());
            assertTrue(out().contains("matched        3 of ") && out().contains("would re-admit 3"), out());

            // Interrupted after its first transaction (2 records) and one more record sent, not committed.
            var filter = new DeadLetterFilter(Optional.of("UNKNOWN_LOT"),
                    ReplayWindow.parse(start.toString(), null), Optional.of(interrupted));
            assertThrows(IllegalStateException.class, () -> DeadLetterReplay.run(
                    new DeadLetterReplay.Request(DeadLetterTopic.XRF_READINGS, filter, false, 2),
                    stack.bootstrapServers(), new PrintStream(err, true, StandardCharsets.UTF_8), sent -> {
                        if (sent == 3) {
                            throw new IllegalStateException("interrupted");
                        }
                    }));
            assertEquals(0, replay(stack, interrupted), err());
            assertTrue(out().contains("re-admitted    1 to xrf.readings"), out());
            assertTrue(out().contains("already        2 re-admitted before"), out());

            // A replay killed with its transaction open: the records and markers are sent, never committed.
            KafkaProducer<byte[], byte[]> vanished = vanishedReplay(stack, killed);
            assertEquals(0, replay(stack, killed), err());
            System.out.println("dlq replay after a vanished run:\n" + out());
            assertTrue(out().contains("re-admitted    3 to xrf.readings"), out());
            assertTrue(out().contains("already        0 re-admitted before"), out());
            vanished.close(Duration.ZERO);

            // Every reading counted once: in the store, on lot.compositions and in the latest prediction.
            for (String lot : List.of(interrupted, killed)) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    JsonNode view = lotView(screener.uri(), lot);
                    assertEquals(3, view.path("composition").path("shotCount").asInt(), view.toString());
                    assertEquals(3, view.path("prediction").path("readingCount").asInt(), view.toString());
                });
            }
            // The store runs ahead of the last commit: wait for it on the topic, then make sure nothing more comes.
            // Compositions are published with the coalesced predictions: each lot's shot counts only grow, to 3.
            Map<String, List<Integer>> published = new HashMap<>();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                published.clear();
                published.putAll(compositions(stack, List.of(interrupted, killed)));
                for (String lot : List.of(interrupted, killed)) {
                    List<Integer> counts = published.getOrDefault(lot, List.of());
                    assertFalse(counts.isEmpty(), lot);
                    assertEquals(3, counts.get(counts.size() - 1), lot + ": every reading, once: " + counts);
                    for (int i = 1; i < counts.size(); i++) {
                        assertTrue(counts.get(i) > counts.get(i - 1), lot + ": counted once each: " + counts);
                    }
                }
            });

            // Run again, with a wider window: nothing is re-admitted twice.
            for (String lot : List.of(interrupted, killed)) {
                assertEquals(0, run("dlq", "replay", "--reason", "UNKNOWN_LOT", "--from", "beginning", "--lot", lot,
                        "--bootstrap-servers", stack.bootstrapServers()), err());
                assertTrue(out().contains("re-admitted    0 to xrf.readings") && out().contains("already        3"),
                        out());
            }
            assertEquals(published, compositions(stack, List.of(interrupted, killed)), "nothing re-admitted twice");
            assertEquals(0, run("dlq", "stats", "--topic", "xrf.readings.dlq", "--lot", killed, "--from",
                    start.toString(), "--bootstrap-servers", stack.bootstrapServers()), err());
            System.out.println("dlq stats at the end:\n" + out());
            assertTrue(out().matches("(?s).*xrf.readings.dlq +3 dead letters, 0 truncated, 3 replayed.*"), out());
        }
    }

    private int replay(EmbeddedStack stack, String lot, String... more) {
        List<String> args = new ArrayList<>(List.of("dlq", "replay", "--reason", "UNKNOWN_LOT", "--from",
                Instant.now().minus(Duration.ofHours(1)).toString(), "--lot", lot, "--per-transaction", "2",
                "--bootstrap-servers", stack.bootstrapServers()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /**
     * What a replay killed mid-transaction leaves: {@code lot}'s dead letters sent back with their ledger markers under
     * the replay's transactional id, not committed, the producer gone without a word.
     */
    private static KafkaProducer<byte[], byte[]> vanishedReplay(EmbeddedStack stack, String lot) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reescreen-dlq-replay-xrf.readings.dlq"),
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        var filter = new DeadLetterFilter(Optional.empty(), ReplayWindow.parse("beginning", null), Optional.of(lot));
        try (KafkaConsumer<byte[], byte[]> consumer = TopicWindowReader.consumer(stack.bootstrapServers(), "test")) {
            TopicWindowReader reader = new TopicWindowReader(consumer, Duration.ofSeconds(30));
            String dlq = Topics.XRF_READINGS_DLQ.name();
            reader.read(dlq, reader.ranges(dlq, ReplayWindow.parse("beginning", null)), r -> {
                if (filter.matches(r)) {
                    producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), r.key(), r.value()));
                    producer.send(new ProducerRecord<>(Topics.DLQ_REPLAYS.name(),
                            (r.topic() + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8),
                            "never committed".getBytes(StandardCharsets.UTF_8)));
                }
            }, TopicWindowReader.Progress.NONE);
        }
        producer.flush();
        return producer;
    }

    /** The shot counts of each lot's records on lot.compositions (read_committed), in order. */
    private static Map<String, List<Integer>> compositions(EmbeddedStack stack, List<String> lots) {
        var values = stack.serdes().valueSerde(LotComposition.class).deserializer();
        Map<String, List<Integer>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = TopicWindowReader.consumer(stack.bootstrapServers(), "test")) {
            TopicWindowReader reader = new TopicWindowReader(consumer, Duration.ofSeconds(30));
            String topic = Topics.LOT_COMPOSITIONS.name();
            reader.read(topic, reader.ranges(topic, ReplayWindow.parse("beginning", null)), r -> {
                String lot = DeadLetterFilter.keyText(r);
                if (lots.contains(lot) && r.value() != null) {
                    out.computeIfAbsent(lot, l -> new ArrayList<>())
                            .add(values.deserialize(topic, r.headers(), r.value()).getShotCount());
                }
            }, TopicWindowReader.Progress.NONE);
        }
        return out;
    }

    private static JsonNode lotView(URI base, String lot) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve("lots/" + lot)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
    }

    private static Map<String, Object> config(EmbeddedStack stack, String id, Path state) {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", stack.bootstrapServers());
        p.put("reescreen.registry.url", stack.registryUrl());
        p.put("kafka.streams.screener.application.id", "dlq-screener-" + id);
        p.put("kafka.streams.screener.state.dir", state.toString());
        p.put("micronaut.server.port", -1);
        p.put("reescreen.screener.model-name", "dlq-model-" + id);
        p.put("reescreen.screener.require-lot-info", true);
        p.put("reescreen.screener.bootstrap.synthetic-rows", 120);
        p.put("reescreen.screener.bootstrap.members", 3);
        p.put("reescreen.screener.bootstrap.epochs", 8);
        p.put("reescreen.screener.prediction.noise-samples", 16);
        return p;
    }

    private int run(String... args) {
        out.reset();
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
