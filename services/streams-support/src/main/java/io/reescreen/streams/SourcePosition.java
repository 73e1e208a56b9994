package io.reescreen.streams;

import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where a record entered a service: its input topic, partition and offset. After the hop onto an internal topic that
 * puts it on its lot's partition, the record's own metadata names that topic, which nobody outside can use (Kafka
 * Streams purges it), so the position on the input topic travels in headers across the hop, and dead letters, counts
 * and an example's lineage name it.
 *
 * @param partition -1 and offset -1 when unknown
 */
public record SourcePosition(String topic, int partition, long offset) {

    public static final String TOPIC = DlqHeaders.TRANSPORT_PREFIX + "topic";
    public static final String PARTITION = DlqHeaders.TRANSPORT_PREFIX + "partition";
    public static final String OFFSET = DlqHeaders.TRANSPORT_PREFIX + "offset";

    /**
     * The record's own position when it is read from {@code inputTopic} itself (no hop: a stamp a producer wrote
     * there is not believed), else the position stamped before the hop, else unknown on {@code inputTopic}.
     */
    public static SourcePosition of(Record<?, ?> record, ProcessorContext<?, ?> context, String inputTopic) {
        Optional<SourcePosition> own = current(context);
        if (own.isPresent() && inputTopic.equals(own.get().topic())) {
            return own.get();
        }
        return stamped(record.headers()).orElse(new SourcePosition(inputTopic, -1, -1));
    }

    /** The position of the record being processed, from its metadata. */
    public static Optional<SourcePosition> current(ProcessorContext<?, ?> context) {
        return context.recordMetadata().map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()));
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

    /** The headers as the producer sent them: a dead letter carries the original's, not the hop's stamp. */
    public static Headers unstamped(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header h : headers) {
            if (!h.key().equals(TOPIC) && !h.key().equals(PARTITION) && !h.key().equals(OFFSET)) {
                copy.add(h.key(), h.value());
            }
        }
        return copy;
    }

    /** Replaces any position already there (a record re-sent from a dead-letter topic may carry an old one). */
    public void stampOnto(Headers headers) {
        headers.remove(TOPIC);
        headers.remove(PARTITION);
        headers.remove(OFFSET);
        headers.add(TOPIC, HeaderText.utf8(topic));
        headers.add(PARTITION, HeaderText.utf8(Integer.toString(partition)));
        headers.add(OFFSET, HeaderText.utf8(Long.toString(offset)));
    }
}
