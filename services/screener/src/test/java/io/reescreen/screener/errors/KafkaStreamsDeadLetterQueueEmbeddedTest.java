package io.reescreen.screener.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the screener keeps its own dead letters ({@code DeadLetter.fitted}, {@link DlqHeaders}) rather than Kafka
 * Streams' dead-letter queue (KIP-1034, {@code errors.dead.letter.queue.topic.name}, Kafka 4.4.0), on the embedded
 * broker under exactly_once_v2: Kafka's copy names the exception but no reason an operator can filter on, and the copy
 * of a value that fits under the limit does not fit once about 2 KB of exception headers (mostly the stack trace) are
 * added, so the dead-letter send fails and the stream stops: one bad record stops the stream.
 */
@ExtendWith(EmbeddedStackExtension.class)
class KafkaStreamsDeadLetterQueueEmbeddedTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How long a record that should not be there is looked for, after the stream has stopped. */
    private static final Duration ABSENCE = Duration.ofSeconds(5);
    /** Under the producer's and the topic's 1 MiB limit as sent; over it with Kafka's exception headers. */
    private static final int NEAR_LIMIT_BYTES = 1_047_000;

    @Test
    void itsDeadLetterCarriesNoReasonAndTheCopyOfARecordNearTheLimitStopsTheStream(EmbeddedStack stack,
                                                                                  @TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String in = "kip1034-in-" + id;
        String out = "kip1034-out-" + id;
        String dlq = "kip1034-dlq-" + id;
        createTopics(stack, in, out, dlq);
        try (KafkaStreams streams = new KafkaStreams(refusingBad(in, out), props(stack, "kip1034-" + id, dlq, state))) {
            streams.start();
            send(stack, in, "good-1", "good".getBytes(StandardCharsets.UTF_8));
            send(stack, in, "bad-small", "bad small".getBytes(StandardCharsets.UTF_8));
            ConsumerRecord<byte[], byte[]> small = single(readUntil(stack, dlq, 1, WAIT));
            assertEquals("bad small", new String(small.value(), StandardCharsets.UTF_8), "the raw value is copied");
            assertNotNull(small.headers().lastHeader("__streams.errors.exception"));
            assertNotNull(small.headers().lastHeader("__streams.errors.stacktrace"));
            assertNull(small.headers().lastHeader(DlqHeaders.REASON), "no reason, only the exception");

            send(stack, in, "bad-near-limit", bad(NEAR_LIMIT_BYTES));
            send(stack, in, "good-2", "good".getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).until(() -> streams.state() != KafkaStreams.State.RUNNING
                    && streams.state() != KafkaStreams.State.REBALANCING);
            assertNotEquals(KafkaStreams.State.RUNNING, streams.state());
            assertEquals(1, readUntil(stack, dlq, 2, ABSENCE).size(), "the near-limit record has no dead letter");
            assertTrue(keys(readUntil(stack, out, 2, ABSENCE)).stream().noneMatch("good-2"::equals),
                    "nothing after it was processed");
        }
    }

    private static Topology refusingBad(String in, String out) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<byte[], byte[]>stream(in).mapValues(v -> {
            if (v.length >= 3 && v[0] == 'b' && v[1] == 'a' && v[2] == 'd') {
                throw new IllegalStateException("refused a value of " + v.length + " bytes");
            }
            return v;
        }).to(out);
        return builder.build();
    }

    private static Properties props(EmbeddedStack stack, String applicationId, String dlq, Path state) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, dlq);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        return props;
    }

    private static byte[] bad(int bytes) {
        byte[] value = new byte[bytes];
        value[0] = 'b';
        value[1] = 'a';
        value[2] = 'd';
        return value;
    }

    private static ConsumerRecord<byte[], byte[]> single(List<ConsumerRecord<byte[], byte[]>> records) {
        assertEquals(1, records.size());
        return records.get(0);
    }

    private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
    }

    private static void createTopics(EmbeddedStack stack, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                // One partition: the records are processed in the order sent.
                topics.add(new NewTopic(name, 1, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static void send(EmbeddedStack stack, String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }

    /** The committed records of a topic, once at least {@code atLeast} are there or the wait is over. */
    private static List<ConsumerRecord<byte[], byte[]>> readUntil(EmbeddedStack stack, String topic, int atLeast,
                                                                  Duration wait) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "kip1034-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + wait.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }
}
