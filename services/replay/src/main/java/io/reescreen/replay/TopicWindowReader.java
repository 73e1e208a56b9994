package io.reescreen.replay;

import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic between two times, as raw records: offsets per partition from {@code offsetsForTimes} (or the
 * beginning / the end offsets at start), {@code assign} and {@code seek}, no consumer group, nothing committed, so a
 * replay never disturbs the services' own consumers. Transactional topics are read {@code read_committed}: what the
 * services' exactly-once output really contains.
 */
public final class TopicWindowReader {

    /** One partition's offsets to read: {@code fromOffset} inclusive, {@code toOffset} exclusive. */
    public record PartitionRange(int partition, long fromOffset, long toOffset) {
        public long size() {
            return Math.max(0, toOffset - fromOffset);
        }
    }

    @FunctionalInterface
    public interface RecordHandler {
        void accept(ConsumerRecord<byte[], byte[]> record);
    }

    /** Told after every poll and once at the end. {@code read[i]} counts the records of {@code ranges.get(i)}. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (topic, ranges, positions, read, done) -> { };

        /** @param positions per range, how far it got (offset), {@code toOffset} once done */
        void update(String topic, List<PartitionRange> ranges, long[] positions, long[] read, boolean done);
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;

    /**
     * @param timeout for each metadata call, and the longest a read may go without getting further before it fails
     */
    public TopicWindowReader(Consumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** A consumer for {@link #TopicWindowReader}: bytes, read_committed, no group, no commits. */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String clientId) {
        return consumer(KafkaConnection.plaintext(bootstrapServers), clientId);
    }

    /** As {@link #consumer(String, String)}, on a cluster that wants security settings. */
    public static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection connection, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return new KafkaConsumer<>(connection.clientConfig(config), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The offsets of {@code window} in every partition of {@code topic}, by partition number. */
    public List<PartitionRange> ranges(String topic, ReplayWindow window) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (create it with ./reescreen topics)");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> from = offsetsAt(partitions, window.from(), begin, end);
        Map<TopicPartition, Long> to = offsetsAt(partitions, window.to(), end, end);
        List<PartitionRange> out = new ArrayList<>();
        for (TopicPartition p : partitions) {
            long f = from.get(p);
            long t = Math.min(to.get(p), end.get(p));
            out.add(new PartitionRange(p.partition(), f, Math.max(f, t)));
        }
        return out;
    }

    /** First offset at or after {@code time}; {@code otherwise} without a time; the end where no record is that late. */
    private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, Optional<java.time.Instant> time,
                                               Map<TopicPartition, Long> otherwise, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (time.isEmpty()) {
            partitions.forEach(p -> out.put(p, otherwise.get(p)));
            return out;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, time.get().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = found == null ? null : found.get(p);
            out.put(p, o == null ? end.get(p) : o.offset());
        }
        return out;
    }

    /**
     * Hands every record of {@code ranges} to {@code handler}, partition by partition as the consumer delivers them
     * (in offset order within a partition).
     *
     * @return records handed over
     */
    public long read(String topic, List<PartitionRange> ranges, RecordHandler handler, Progress progress) {
        Map<TopicPartition, Integer> open = new LinkedHashMap<>();
        long[] positions = new long[ranges.size()];
        long[] read = new long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            PartitionRange r = ranges.get(i);
            positions[i] = r.fromOffset();
            if (r.size() > 0) {
                open.put(new TopicPartition(topic, r.partition()), i);
            }
        }
        long total = 0;
        if (!open.isEmpty()) {
            consumer.assign(open.keySet());
            open.forEach((tp, i) -> consumer.seek(tp, ranges.get(i).fromOffset()));
            long lastAdvance = System.nanoTime();
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Integer i = open.get(new TopicPartition(r.topic(), r.partition()));
                    if (i == null || r.offset() < ranges.get(i).fromOffset() || r.offset() >= ranges.get(i).toOffset()) {
                        continue;
                    }
                    handler.accept(r);
                    read[i]++;
                    total++;
                }
                boolean advanced = false;
                for (TopicPartition tp : List.copyOf(open.keySet())) {
                    int i = open.get(tp);
                    long position = consumer.position(tp, timeout);
                    if (position > positions[i]) {
                        advanced = true;
                        positions[i] = Math.min(position, ranges.get(i).toOffset());
                    }
                    if (position >= ranges.get(i).toOffset()) {
                        positions[i] = ranges.get(i).toOffset();
                        consumer.pause(List.of(tp));
                        open.remove(tp);
                    }
                }
                long now = System.nanoTime();
                if (advanced) {
                    lastAdvance = now;
                } else if (now - lastAdvance > timeout.toNanos()) {
                    throw new IllegalStateException(topic + " stopped delivering records: nothing new for " + timeout
                            + " with " + open.size() + " partition(s) short of their end offsets");
                }
                progress.update(topic, ranges, positions.clone(), read.clone(), false);
            }
            consumer.assign(List.of());
        }
        progress.update(topic, ranges, positions.clone(), read.clone(), true);
        return total;
    }
}
