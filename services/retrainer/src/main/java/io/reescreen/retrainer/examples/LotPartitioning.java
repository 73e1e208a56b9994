package io.reescreen.retrainer.examples;

import io.reescreen.schemas.Topics;

/**
 * Where the join finds a lot's records. It keeps a lot's metadata, composition, served prediction and waiting lab
 * results in stores local to one partition, so every record of a lot must reach the same partition number of every
 * input. lot.compositions and ree.predictions are the screener's (Kafka Streams places them by murmur2 of the lot id);
 * lab.results and lots come from outside producers, whose client chooses the partition (librdkafka's default,
 * {@code consistent_random}, hashes with CRC32). So by default those two are first copied onto internal topics
 * partitioned as the screener's are.
 *
 * @param producersPartitionByLotId true only where every producer of lab.results and lots uses Java's default
 *                                  partitioner (murmur2 of the lot id) and both topics have as many partitions as
 *                                  lot.compositions: the join then reads them where they are. False (the default):
 *                                  they are copied onto internal topics partitioned by lot id, whatever client wrote them
 * @param lotPartitions             partitions of those internal topics: must be lot.compositions' partition count
 *                                  (fixed per application.id)
 */
public record LotPartitioning(boolean producersPartitionByLotId, int lotPartitions) {

    public LotPartitioning {
        if (lotPartitions < 1) {
            throw new IllegalArgumentException("lotPartitions must be >= 1, got " + lotPartitions);
        }
    }

    /** The safe default: the hop, onto as many partitions as the topics are created with. */
    public static LotPartitioning defaults() {
        return new LotPartitioning(false, Topics.LOT_PARTITIONS);
    }
}
