package io.reescreen.retrainer.examples;

import io.reescreen.schemas.HeaderText;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where a record entered the retrainer: its input topic, partition and offset. After the hop onto an internal topic
 * the record's own metadata names that topic, which nobody outside can use (Kafka Streams purges it), so the position
 * on the input topic travels in headers and dead letters, counts and an example's lineage name it. The header names
 * are the screener's ({@code io.reescreen.screener.partition.SourcePosition}).
 *
 * @param partition -1 and offset -1 when unknown
 */
record SourcePosition(String topic, int partition, long offset) {

    static final String TOPIC = "reescreen.source.topic";
    static final String PARTITION = "reescreen.source.partition";
    static final String OFFSET = "reescreen.source.offset";

    /**
     * The record's own position when it is read from {@code inputTopic} itself (no hop: a stamp a producer wrote
     * there is not believed), else the position stamped before the hop, else unknown on {@code inputTopic}.
     */
    static SourcePosition of(Record<?, ?> record, ProcessorContext<?, ?> context, String inputTopic) {
        Optional<SourcePosition> own = context.recordMetadata()
                .map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()));
        if (own.isPresent() && inputTopic.equals(own.get().topic())) {
            return own.get();
        }
        return stamped(record.headers()).orElse(new SourcePosition(inputTopic, -1, -1));
    }

    static Optional<SourcePosition> stamped(Headers headers) {
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
    static Headers unstamped(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header h : headers) {
            if (!h.key().equals(TOPIC) && !h.key().equals(PARTITION) && !h.key().equals(OFFSET)) {
                copy.add(h.key(), h.value());
            }
        }
        return copy;
    }

    /** Replaces any position already there (a record re-sent from a dead-letter topic may carry an old one). */
    void stampOnto(Headers headers) {
        headers.remove(TOPIC);
        headers.remove(PARTITION);
        headers.remove(OFFSET);
        headers.add(TOPIC, HeaderText.utf8(topic));
        headers.add(PARTITION, HeaderText.utf8(Integer.toString(partition)));
        headers.add(OFFSET, HeaderText.utf8(Long.toString(offset)));
    }
}
