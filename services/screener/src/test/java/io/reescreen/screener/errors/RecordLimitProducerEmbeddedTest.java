package io.reescreen.screener.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka behaviour (seen on 3.9.1 and 4.4.0) the screener's production-error policy rests on, on a real broker:
 * one oversize record
 * sent through a transactional producer makes the whole transaction uncommittable (so CONTINUE in a production
 * exception handler cannot save it), while the same record refused by {@link RecordLimitProducer} leaves the
 * transaction to commit with every other record.
 */
@ExtendWith(EmbeddedStackExtension.class)
class RecordLimitProducerEmbeddedTest {

    private static final String TOPIC = Topics.REE_ALERTS.name();

    @Test
    void anOversizeRecordPoisonsAPlainTransactionButNotOneBehindTheGuard(EmbeddedStack stack) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        byte[] oversize = new byte[1_100_000];

        try (KafkaProducer<byte[], byte[]> plain = transactional(stack, "it-plain-" + id)) {
            plain.initTransactions();
            plain.beginTransaction();
            plain.send(record("plain-before-" + id, new byte[10]));
            AtomicReference<Exception> refused = new AtomicReference<>();
            plain.send(record("plain-big-" + id, oversize), (m, e) -> refused.set(e));
            assertInstanceOf(RecordTooLargeException.class, refused.get());
            KafkaException commit = assertThrows(KafkaException.class, plain::commitTransaction,
                    "the producer moved its transaction into an abortable error state");
            assertInstanceOf(RecordTooLargeException.class, commit.getCause(), commit.toString());
            plain.abortTransaction();
        }

        try (Producer<byte[], byte[]> guarded = new RecordLimitProducer(transactional(stack, "it-guarded-" + id),
                1_048_576)) {
            guarded.initTransactions();
            guarded.beginTransaction();
            guarded.send(record("guarded-before-" + id, new byte[10]));
            AtomicReference<Exception> refused = new AtomicReference<>();
            guarded.send(record("guarded-big-" + id, oversize), (m, e) -> refused.set(e));
            assertInstanceOf(RecordLimitProducer.OversizeRecordException.class, refused.get());
            guarded.send(record("guarded-after-" + id, new byte[10]));
            guarded.commitTransaction();
        }

        List<String> committed = committedKeys(stack, id);
        assertEquals(List.of("guarded-before-" + id, "guarded-after-" + id), committed,
                "only the guarded transaction committed, without its oversize record");
    }

    private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(TOPIC, 0, key.getBytes(), value);
    }

    private static KafkaProducer<byte[], byte[]> transactional(EmbeddedStack stack, String transactionalId) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static List<String> committedKeys(EmbeddedStack stack, String id) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p0 = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(p0));
            consumer.seekToBeginning(List.of(p0));
            long end = consumer.endOffsets(List.of(p0)).get(p0);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(p0) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    String key = r.key() == null ? "" : new String(r.key());
                    if (key.endsWith(id)) {
                        keys.add(key);
                    }
                }
            }
        }
        return keys;
    }
}
