package io.reescreen.screener.rescore;

import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The releases of one model name still on models.releases, oldest first: read from the beginning to the end offsets
 * at start, tombstones and records that do not decode left out (the screener does not serve them either). The topic is
 * compacted, so only the latest record per name is sure to be there; older versions stay until the log cleaner
 * removes them. The same loop as the retrainer's {@code ReleaseHistory}, which the screener does not depend on.
 */
public final class ReleaseRecords {

    private ReleaseRecords() {
    }

    public static List<ModelRelease> read(String bootstrapServers, Deserializer<ModelRelease> releases, String modelName,
                                          Duration timeout) {
        List<ModelRelease> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "reescreen-rescore-releases",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MODEL_RELEASES.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("models.releases not read to its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || r.value() == null
                            || !modelName.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    try {
                        out.add(releases.deserialize(r.topic(), r.headers(), r.value()));
                    } catch (RuntimeException e) {
                        // not a release any screener would serve
                    }
                }
            }
        }
        return out;
    }
}
