package io.reescreen.retrainer.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Kafka's MockConsumer with what it lacks for a replay: offsetsForTimes over the records given to {@link #append}, and
 * records that reappear after every seek (MockConsumer hands each record out once).
 */
final class TimedMockConsumer extends MockConsumer<byte[], byte[]> {

    private final String topic;
    private final Map<Integer, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();

    TimedMockConsumer(String topic, int partitions) {
        super(OffsetResetStrategy.NONE);
        this.topic = topic;
        List<PartitionInfo> infos = new ArrayList<>();
        Map<TopicPartition, Long> zero = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(topic, p, null, null, null));
            log.put(p, new ArrayList<>());
            zero.put(new TopicPartition(topic, p), 0L);
        }
        updatePartitions(topic, infos);
        updateBeginningOffsets(zero);
        updateEndOffsets(zero);
    }

    /** Appends a record at the partition's next offset. */
    synchronized void append(int partition, long timestampMs, byte[] key, byte[] value) {
        List<ConsumerRecord<byte[], byte[]>> records = log.get(partition);
        long offset = records.size();
        records.add(new ConsumerRecord<>(topic, partition, offset, timestampMs, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, new RecordHeaders(),
                java.util.Optional.empty()));
        updateEndOffsets(Map.of(new TopicPartition(topic, partition), offset + 1));
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query,
                                                                                Duration timeout) {
        Map<TopicPartition, OffsetAndTimestamp> out = new HashMap<>();
        query.forEach((tp, time) -> {
            OffsetAndTimestamp found = null;
            for (ConsumerRecord<byte[], byte[]> r : log.get(tp.partition())) {
                if (r.timestamp() >= time) {
                    found = new OffsetAndTimestamp(r.offset(), r.timestamp());
                    break;
                }
            }
            out.put(tp, found);
        });
        return out;
    }

    @Override
    public synchronized void seek(TopicPartition partition, long offset) {
        super.seek(partition, offset);
        // Hand out the records from the new position, as a broker would.
        for (ConsumerRecord<byte[], byte[]> r : log.get(partition.partition())) {
            if (r.offset() >= offset) {
                addRecord(r);
            }
        }
    }
}
