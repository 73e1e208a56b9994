package io.reescreen.screener.partition;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The partition a lot belongs on: Kafka's placement of a key (murmur2 of the key bytes modulo the partition count), as
 * Java producers place keyed records and Kafka Streams places repartitioned ones and finds a key for an interactive
 * query. The one rule both the hop ({@link LotRepartition}) and the gate's "already there" check
 * ({@link LotPartitionGate}) use, so the two cannot disagree.
 */
public final class LotPartitioner implements StreamPartitioner<byte[], byte[]> {

    /** The lot's partition among {@code partitions}. */
    public static int partitionOf(byte[] lotIdKey, int partitions) {
        return BuiltInPartitioner.partitionForKey(lotIdKey, partitions);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
        return Optional.of(Set.of(partitionOf(key, numPartitions)));
    }
}
