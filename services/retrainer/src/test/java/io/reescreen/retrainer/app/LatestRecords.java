package io.reescreen.retrainer.app;

import io.reescreen.schemas.connect.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Test helper: a topic read from its beginning to its current end (read_committed). */
final class LatestRecords {

    private LatestRecords() {
    }

    static <V> Map<String, V> read(String bootstrapServers, String topic, Deserializer<V> values, Predicate<String> keys) {
        return read(KafkaConnection.plaintext(bootstrapServers), topic, values, keys);
    }

    /** As {@link #read(String, String, Deserializer, Predicate)}, on a (secured) connection. */
    static <V> Map<String, V> read(KafkaConnection connection, String topic, Deserializer<V> values,
                                   Predicate<String> keys) {
        Map<String, V> latest = new HashMap<>();
        readRecords(connection, topic, r -> {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (key != null && keys.test(key) && r.value() != null) {
                latest.put(key, values.deserialize(r.topic(), r.headers(), r.value()));
            }
        });
        return latest;
    }

    /** Every record from the beginning to the current end, in order per partition. */
    static void readRecords(String bootstrapServers, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        readRecords(KafkaConnection.plaintext(bootstrapServers), topic, each);
    }

    /** As {@link #readRecords(String, String, Consumer)}, on a (secured) connection. */
    static void readRecords(KafkaConnection connection, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(connection.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
