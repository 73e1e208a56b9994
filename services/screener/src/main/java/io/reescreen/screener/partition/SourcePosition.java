package io.reescreen.screener.partition;

import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where a record entered the screener: its input topic, partition and offset. After the hop through an internal
 * repartition topic the record's own metadata names that topic, which an operator cannot use (the screener purges it
 * once committed), so the position on the input topic travels in headers across the hop and dead letters name it.
 *
 * @param partition -1 and offset -1 when unknown
 */
public record SourcePosition(String topic, int partition, long offset) {

    public static final String TOPIC = DlqHeaders.TRANSPORT_PREFIX + "topic";
    public static final String PARTITION = DlqHeaders.TRANSPORT_PREFIX + "partition";
    public static final String OFFSET = DlqHeaders.TRANSPORT_PREFIX + "offset";

    /**
     * The position stamped before the hop, else the record's own (no hop: the screener reads the input topic), else
     * {@code fallbackTopic} with unknown partition and offset.
     */
    public static SourcePosition of(Record<?, ?> record, ProcessorContext<?, ?> context, String fallbackTopic) {
        return stamped(record.headers()).orElseGet(() -> context.recordMetadata()
                .map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
                .orElse(new SourcePosition(fallbackTopic, -1, -1)));
    }

    /** The position in the record's headers, if it was stamped and reads back. */
    public static Optional<SourcePosition> stamped(Headers headers) {
        Optional<String> topic = HeaderText.of(headers, TOPIC);
        if (topic.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SourcePosition(topic.get(),
                    Integer.parseInt(HeaderText.of(headers, PARTITION).orElse("-1")),
                    Long.parseLong(HeaderText.of(headers, OFFSET).orElse("-1"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The position of the record being processed, from its metadata. */
    static Optional<SourcePosition> current(ProcessorContext<?, ?> context) {
        return context.recordMetadata().map(SourcePosition::of);
    }

    private static SourcePosition of(RecordMetadata m) {
        return new SourcePosition(m.topic(), m.partition(), m.offset());
    }

    /** Replaces any position already there (a record re-sent from a dead-letter topic carries its old one). */
    void stampOnto(Headers headers) {
        headers.remove(TOPIC);
        headers.remove(PARTITION);
        headers.remove(OFFSET);
        headers.add(TOPIC, HeaderText.utf8(topic));
        headers.add(PARTITION, HeaderText.utf8(Integer.toString(partition)));
        headers.add(OFFSET, HeaderText.utf8(Long.toString(offset)));
    }
}
