package io.reescreen.retrainer.examples;

import io.reescreen.streams.SourcePosition;
import io.reescreen.schemas.DeadLetter;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The last node before a record of an outside producer is copied, unchanged, onto the internal topic that puts it on
 * its lot's partition ({@link LotPartitioning}). Stamps the record's position on its input topic
 * ({@link SourcePosition}) and turns away the two kinds of record the copy cannot carry: one without a key (Kafka
 * Streams drops null keys at a repartition, silently) and one too large to be produced again (the send would fail and,
 * under exactly-once, abort the transaction). What happens to those is the input's own rule ({@link TurnedAway}).
 * Whether the key is the lot id is checked after the hop, where the value is decoded: a record keyed by another lot
 * lands on that lot's partition and is turned away there.
 *
 * <p>Not the screener's {@code partition.LotPartitionGate}, though the checks are the same: that one dead-letters what
 * it turns away itself (every screener input has a dead-letter topic); here lots has none, so each input says what
 * happens to a record that cannot make the hop.
 */
final class LotPartitionGate implements Processor<byte[], byte[], Object, Object> {

    /**
     * Unit: bytes (key, value and headers, as {@link DeadLetter#estimatedBytes} counts them). The largest record
     * copied: the producer's default {@code max.request.size} (1,048,576 bytes) less a batch header and a margin, as
     * the screener's gate. A lab result or a lot's metadata is a few KB.
     */
    static final int MAX_COPIED_RECORD_BYTES = 1_048_576 - 256;

    /** Why a record cannot make the hop. */
    enum Problem {
        NO_KEY, TOO_LARGE
    }

    /** What an input does with a record that cannot make the hop: dead-letter it (lab.results) or count it (lots). */
    @FunctionalInterface
    interface TurnedAway {
        void turnAway(ProcessorContext<Object, Object> context, Record<byte[], byte[]> original, Problem problem,
                      String detail, SourcePosition source);
    }

    private final String inputTopic;
    private final TurnedAway turnedAway;
    private ProcessorContext<Object, Object> context;

    LotPartitionGate(String inputTopic, TurnedAway turnedAway) {
        this.inputTopic = Objects.requireNonNull(inputTopic, "inputTopic");
        this.turnedAway = Objects.requireNonNull(turnedAway, "turnedAway");
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SourcePosition source = SourcePosition.current(context).orElse(new SourcePosition(inputTopic, -1, -1));
        if (record.key() == null) {
            turnedAway.turnAway(context, record, Problem.NO_KEY, "record key is null: records are keyed by their lot id,"
                    + " which places them on the lot's partition", source);
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), h.value());
        }
        source.stampOnto(headers);
        int bytes = DeadLetter.estimatedBytes(record.key(), record.value(), headers);
        if (bytes > MAX_COPIED_RECORD_BYTES) {
            turnedAway.turnAway(context, record, Problem.TOO_LARGE, "the record is about " + bytes
                    + " bytes (key, value and headers); at most " + MAX_COPIED_RECORD_BYTES + " bytes are read", source);
            return;
        }
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers));
    }
}
