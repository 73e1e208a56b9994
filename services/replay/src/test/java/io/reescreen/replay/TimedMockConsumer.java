package io.reescreen.replay;

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
 * records that reappear after every seek (MockConsumer hands each record out once). In this module's test-jar, for the
 * replay tests of the retrainer and the screener.
 */
public final class TimedMockConsumer extends MockConsumer<byte[], byte[]> {

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();

    public TimedMockConsumer() {
        super(OffsetResetStrategy.NONE);
    }

    /** Adds a topic of that many empty partitions. */
    public synchronized TimedMockConsumer topic(String topic, int partitions) {
        List<PartitionInfo> infos = new ArrayList<>();
        Map<TopicPartition, Long> zero = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(topic, p, null, null, null));
            log.put(new TopicPartition(topic, p), new ArrayList<>());
            zero.put(new TopicPartition(topic, p), 0L);
        }
        updatePartitions(topic, infos);
        updateBeginningOffsets(zero);
        updateEndOffsets(zero);
        return this;
    }

    /** Appends a record at the partition's next offset. */
    public synchronized void append(String topic, int partition, long timestampMs, byte[] key, byte[] value) {
        TopicPartition tp = new TopicPartition(topic, partition);
        List<ConsumerRecord<byte[], byte[]>> records = log.get(tp);
        long offset = records.size();
        records.add(new ConsumerRecord<>(topic, partition, offset, timestampMs, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length, value == null ? -1 : value.length, key, value, new RecordHeaders(),
                java.util.Optional.empty()));
        updateEndOffsets(Map.of(tp, offset + 1));
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query,
                                                                                Duration timeout) {
        Map<TopicPartition, OffsetAndTimestamp> out = new HashMap<>();
        query.forEach((tp, time) -> {
            OffsetAndTimestamp found = null;
            for (ConsumerRecord<byte[], byte[]> r : log.get(tp)) {
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
        for (ConsumerRecord<byte[], byte[]> r : log.get(partition)) {
            if (r.offset() >= offset) {
                addRecord(r);
            }
        }
    }
}
