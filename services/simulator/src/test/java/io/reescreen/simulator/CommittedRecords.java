package io.reescreen.simulator;

import io.reescreen.embedded.EmbeddedStack;
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
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the simulators' embedded tests read back: a topic's committed records, as an outside consumer sees them. */
public final class CommittedRecords {

    /** How long a test waits for the records it expects. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CommittedRecords() {
    }

    /**
     * Reads a whole topic from the beginning and keeps the matching records (the stack is shared: other tests' records
     * are there too), until {@code expected} have come and one more quiet poll has brought nothing further (so
     * duplicates would be seen), or {@link #TIMEOUT} passes.
     */
    public static List<ConsumerRecord<String, byte[]>> read(EmbeddedStack stack, String topic,
                                                            Predicate<ConsumerRecord<String, byte[]>> ours,
                                                            int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            boolean quietAfterAll = false;
            while (!quietAfterAll && System.nanoTime() < deadline) {
                int before = found.size();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
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
