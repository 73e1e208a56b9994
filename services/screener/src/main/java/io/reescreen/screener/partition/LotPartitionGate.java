package io.reescreen.screener.partition;

import io.reescreen.streams.SourcePosition;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The last node before a record is copied, unchanged, onto the internal topic that puts it on its lot's partition.
 * Stamps the record's position on the input topic ({@link SourcePosition}) and turns away, as dead letters, the two
 * kinds of record the copy cannot carry: one without a key (Kafka Streams drops null keys at a repartition, which would
 * lose it silently) and one too large to be produced again (under exactly-once a send that fails aborts the
 * transaction and stops the stream).
 */
public final class LotPartitionGate implements Processor<byte[], byte[], byte[], GatedRecord> {

    /**
     * The largest record (key, value, headers, as {@link DeadLetter#estimatedBytes} counts them) copied onto the
     * repartition topic: the producer's default {@code max.request.size} (1,048,576 bytes) less a batch header and a
     * margin. No genuine reading or lot metadata comes near it (a reading is a few KB).
     */
    public static final int MAX_COPIED_RECORD_BYTES = 1_048_576 - 256;

    /**
     * What a turned-away record is called on its dead-letter topic, and who counts it.
     *
     * @param withoutKey   reason of a record with no key
     * @param tooLarge     reason of a record above {@link #MAX_COPIED_RECORD_BYTES}
     * @param deadLettered called once per turned-away record (metrics)
     */
    public record Rejections(Enum<?> withoutKey, Enum<?> tooLarge, Consumer<Enum<?>> deadLettered) {
        public Rejections {
            Objects.requireNonNull(withoutKey, "withoutKey");
            Objects.requireNonNull(tooLarge, "tooLarge");
            Objects.requireNonNull(deadLettered, "deadLettered");
        }
    }

    private final String inputTopic;
    private final Rejections rejections;
    private final int maxDeadLetterBytes;
    /** Partitions of the lots' internal topic; 0 when every passed record is to take the hop. */
    private final int lotPartitions;
    private ProcessorContext<byte[], GatedRecord> context;

    /**
     * @param maxDeadLetterBytes the size a dead letter is cut to ({@link DeadLetter#fitted})
     * @param lotPartitions partitions of the lots' internal topic: a record read from the partition of that number
     *                      its lot belongs on ({@link LotPartitioner}) is marked {@link GatedRecord#onLotPartition()};
     *                      the stream task reading it is the one its lot's hop would reach. 0: none is.
     */
    public LotPartitionGate(String inputTopic, Rejections rejections, int maxDeadLetterBytes, int lotPartitions) {
        this.inputTopic = Objects.requireNonNull(inputTopic, "inputTopic");
        this.rejections = Objects.requireNonNull(rejections, "rejections");
        this.maxDeadLetterBytes = maxDeadLetterBytes;
        this.lotPartitions = lotPartitions;
    }

    @Override
    public void init(ProcessorContext<byte[], GatedRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SourcePosition source = SourcePosition.current(context).orElse(new SourcePosition(inputTopic, -1, -1));
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), h.value());
        }
        source.stampOnto(headers);
        int bytes = DeadLetter.estimatedBytes(record.key(), record.value(), headers);
        if (record.key() == null) {
            reject(record, rejections.withoutKey(), "record key is null: records are keyed by their lot id, which"
                    + " places them on the lot's partition", source);
        } else if (bytes > MAX_COPIED_RECORD_BYTES) {
            reject(record, rejections.tooLarge(), "the record is about " + bytes + " bytes (key, value and headers);"
                    + " at most " + MAX_COPIED_RECORD_BYTES + " bytes are screened", source);
        } else {
            boolean onLotPartition = lotPartitions > 0 && source.partition() >= 0
                    && source.partition() == LotPartitioner.partitionOf(record.key(), lotPartitions);
            context.forward(record.withValue(GatedRecord.passed(record.value(), onLotPartition)).withHeaders(headers));
        }
    }

    private void reject(Record<byte[], byte[]> record, Enum<?> reason, String detail, SourcePosition source) {
        rejections.deadLettered().accept(reason);
        long now = context.currentSystemTimeMs();
        DeadLetter letter = DeadLetter.fitted(record.key(), record.value(),
                DlqHeaders.of(record.headers(), reason, detail, source.topic(), source.partition(), source.offset(),
                        Instant.ofEpochMilli(now)),
                maxDeadLetterBytes);
        // Stamped with processing time: the record's own timestamp may be absurd, and the DLQ's retention counts
        // from it.
        context.forward(new Record<>(letter.key(), GatedRecord.rejected(letter.value()), now, letter.headers()));
    }
}
