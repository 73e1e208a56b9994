package io.reescreen.replay;

import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads models.releases (or models.served, the releases the gate accepted) from the beginning to its current end:
 * every record of one model name, oldest first (empty for a tombstone). Both topics are compacted, so
 * long-superseded versions may be gone; a record that does not decode is skipped, as the screener skips it.
 */
public final class ReleaseHistory {

    private ReleaseHistory() {
    }

    public static List<Optional<ModelRelease>> read(String bootstrapServers, Deserializer<ModelRelease> releases,
                                                    String modelName, Duration timeout) {
        return read(KafkaConnection.plaintext(bootstrapServers), Topics.MODEL_RELEASES.name(), releases, modelName,
                timeout);
    }

    public static List<Optional<ModelRelease>> read(String bootstrapServers, String topic,
                                                    Deserializer<ModelRelease> releases, String modelName,
                                                    Duration timeout) {
        return read(KafkaConnection.plaintext(bootstrapServers), topic, releases, modelName, timeout);
    }

    /** As {@link #read(String, String, Deserializer, String, Duration)}, on a cluster that wants security settings. */
    public static List<Optional<ModelRelease>> read(KafkaConnection connection, String topic,
                                                    Deserializer<ModelRelease> releases, String modelName,
                                                    Duration timeout) {
        List<Optional<ModelRelease>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(connection.clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !modelName.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    if (r.value() == null) {
                        out.add(Optional.empty());
                        continue;
                    }
                    try {
                        out.add(Optional.of(releases.deserialize(r.topic(), r.headers(), r.value())));
                    } catch (RuntimeException e) {
                        // not a release the screener would serve either
                    }
                }
            }
        }
        return out;
    }
}
