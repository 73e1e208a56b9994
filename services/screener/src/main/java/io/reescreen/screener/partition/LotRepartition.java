package io.reescreen.screener.partition;

import io.reescreen.schemas.DeadLetter;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Puts every record of a lot on the lot's partition, whatever partitioner its producer used. The producers' key is
 * the lot id (the screens dead-letter a record whose key is not), but where a producer put the record depends on its
 * client: Java's default hashes the key with murmur2, librdkafka's ({@code consistent_random}) with CRC32, and any
 * producer may choose its own. The raw records are therefore copied, byte for byte with their headers, onto an
 * internal topic of the screener's own, partitioned by murmur2 of the key, as Kafka Streams places and looks up keys
 * (so interactive queries find each lot on the instance that holds it). Readings and lot metadata go through internal
 * topics with the same partition count, so a lot's readings meet its metadata in one task.
 *
 * <p>A record its producer already put on its lot's partition (Java's default partitioner, and as many partitions as
 * the internal topic) can skip the copy: the stream task that reads partition p of the input topic also reads
 * partition p of the internal one, so the record is already where the copy would take it. Only misrouted records
 * (librdkafka's CRC32, a custom partitioner, an input topic with another partition count) then pay for the hop: one
 * more write and read per record and, under exactly-once, a commit interval of latency (the internal topic is read
 * {@code read_committed}). The input topic's source then joins the sub-topology after the hop.
 */
public final class LotRepartition {

    private LotRepartition() {
    }

    /**
     * @param name        names the gate, its branches and the internal topic
     *                    ({@code <application.id>-<name>-by-lot-repartition})
     * @param inputTopic  the topic {@code input} reads, for the dead letters' source headers
     * @param dlqTopic    where records that cannot make the hop go (original bytes, reason in headers)
     * @param partitions  partitions of the internal topic: the same for every input, fixed per application.id
     * @param misroutedOnly only records not already on their lot's partition take the hop (see above); false: all do
     * @return the records on their lots' partitions, with their position on the input topic in headers
     */
    public static KStream<byte[], byte[]> byLotId(KStream<byte[], byte[]> input, String name, String inputTopic,
                                                  String dlqTopic, LotPartitionGate.Rejections rejections,
                                                  int partitions, boolean misroutedOnly) {
        int checked = misroutedOnly ? partitions : 0;
        BranchedKStream<byte[], GatedRecord> split = input
                .process(() -> new LotPartitionGate(inputTopic, rejections, DeadLetter.DEFAULT_MAX_RECORD_BYTES,
                                checked), Named.as(name + "-gate"))
                .split(Named.as(name + "-gate-"));
        if (misroutedOnly) {
            split = split.branch((key, record) -> record.onLotPartition(), Branched.as("in-place"));
        }
        Map<String, KStream<byte[], GatedRecord>> gated = split
                .branch((key, record) -> record.passed(), Branched.as("passed"))
                .defaultBranch(Branched.as("turned-away"));
        gated.get(name + "-gate-turned-away")
                .mapValues(GatedRecord::value, Named.as(name + "-gate-dead-letter"))
                .to(dlqTopic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-gate-dlq-sink"));
        KStream<byte[], byte[]> hopped = gated.get(name + "-gate-passed")
                .mapValues(GatedRecord::value, Named.as(name + "-gate-original-bytes"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(name + "-by-lot").withNumberOfPartitions(partitions)
                        .withStreamPartitioner(new LotPartitioner()));
        if (!misroutedOnly) {
            return hopped;
        }
        return gated.get(name + "-gate-in-place")
                .mapValues(GatedRecord::value, Named.as(name + "-gate-in-place-bytes"))
                .merge(hopped, Named.as(name + "-on-lot-partitions"));
    }
}
