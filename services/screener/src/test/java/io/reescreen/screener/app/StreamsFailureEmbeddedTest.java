package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.health.StreamsLivenessIndicator;
import io.reescreen.streams.StreamsStateMeters;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream thread that dies is noticed: the screener is configured with Kafka's own LogAndFailExceptionHandler, so
 * an undecodable lots record kills its only stream thread for real (no test hook in the service), and then liveness
 * and {@code /health} fail with the reason, {@code /model} answers 503, and the failure metrics count it.
 */
@ExtendWith(EmbeddedStackExtension.class)
class StreamsFailureEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @Test
    void aStreamThreadThatDiesFailsLivenessAnswers503AndIsCounted(EmbeddedStack stack, @TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = ScreenerServiceEmbeddedTest.config(stack, "it-dies-" + id, state,
                "it-dies-model-" + id);
        // Every input is read as bytes and screened, so no bad record can kill a thread any more; a timestamp
        // extractor that throws on a marked record can (Kafka Streams has no handler around the extractor).
        config.put("kafka.streams.screener.default.timestamp.extractor", ThrowsOnMarkedRecord.class.getName());
        try (ScreenerService screener = ScreenerService.start(config)) {
            screener.awaitRunning(STARTUP);
            URI base = screener.uri();
            assertEquals(200, Http.get(base, "health/liveness").status());
            assertEquals(200, Http.get(base, "model").status());
            MeterRegistry registry = screener.metrics().registry();
            assertEquals(0.0, failures(registry, StreamsStateMeters.THREAD_DIED));
            assertEquals(1.0, registry.get(StreamsStateMeters.STATE).tag("state", "RUNNING").gauge().value());

            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(),
                        (ThrowsOnMarkedRecord.MARK + id).getBytes(StandardCharsets.UTF_8),
                        "not avro".getBytes(StandardCharsets.UTF_8))).get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> screener.streamsState() == KafkaStreams.State.ERROR);

            Http.Answer liveness = Http.get(base, "health/liveness");
            assertEquals(503, liveness.status(), liveness.body());
            String failure = liveness.json().path("details").path(StreamsLivenessIndicator.NAME).path("details")
                    .path("failure").asText();
            assertTrue(failure.contains("stream thread died"), liveness.body());
            Http.Answer health = Http.get(base, "health");
            assertEquals(503, health.status(), health.body());
            Http.Answer model = Http.get(base, "model");
            assertEquals(503, model.status(), model.body());
            assertEquals("ERROR", model.json().path("streamsState").asText(), model.body());
            assertTrue(model.json().path("error").asText().contains("stream thread died"), model.body());
            assertEquals(1.0, failures(registry, StreamsStateMeters.THREAD_DIED));
            assertEquals(1.0, failures(registry, StreamsStateMeters.CLIENT_ERROR));
            assertTrue(Http.get(base, "prometheus").body().lines().anyMatch(l ->
                    l.startsWith("reescreen_streams_state{") && l.contains("state=\"ERROR\"") && l.endsWith(" 1.0")));
            assertTrue(screener.streamsFailure().orElseThrow().contains("stream thread died"));
        }
    }

    /** The wall-clock extractor, except for a record whose key starts with {@link #MARK}: it throws. */
    public static final class ThrowsOnMarkedRecord implements TimestampExtractor {
        static final String MARK = "dies-";

        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            if (record.key() instanceof byte[] key && new String(key, StandardCharsets.UTF_8).startsWith(MARK)) {
                throw new IllegalStateException("a test record that kills its stream thread");
            }
            return System.currentTimeMillis();
        }
    }

    private static double failures(MeterRegistry registry, String kind) {
        return registry.get(StreamsStateMeters.FAILURES).tag("kind", kind).counter().count();
    }
}
