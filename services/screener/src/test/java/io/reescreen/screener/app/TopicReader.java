package io.reescreen.screener.app;

import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic from the beginning, committed records only (the screener writes exactly once). */
final class TopicReader {

    private TopicReader() {
    }

    /**
     * The matching records, once at least {@code expected} have come and one more poll brought nothing new (so a
     * duplicate would be seen), or when {@code timeout} runs out.
     */
    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic,
                                                     Predicate<ConsumerRecord<byte[], byte[]>> ours, long expected,
                                                     Duration timeout) {
        return read(KafkaConnection.plaintext(bootstrapServers), topic, ours, expected, timeout);
    }

    /** As {@link #read(String, String, Predicate, long, Duration)}, on a (secured) connection. */
    static List<ConsumerRecord<byte[], byte[]>> read(KafkaConnection connection, String topic,
                                                     Predicate<ConsumerRecord<byte[], byte[]>> ours, long expected,
                                                     Duration timeout) {
        Map<String, Object> config = connection.clientConfig(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean quietAfterAll = false;
            while (!quietAfterAll && System.nanoTime() < deadline) {
                int before = found.size();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (ours.test(r)) {
                        found.add(r);
                    }
                }
                quietAfterAll = found.size() >= expected && found.size() == before;
            }
        }
        return found;
    }
}
