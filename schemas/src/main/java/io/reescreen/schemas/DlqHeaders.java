package io.reescreen.schemas;

import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead-lettered record (a reading, a lab result): why, and where it came from. Every service's
 * dead-letter topic uses them, so one consumer can read them all. The record's own headers are kept; values are
 * UTF-8 text.
 */
public final class DlqHeaders {

    public static final String REASON = "reescreen.dlq.reason";
    public static final String DETAIL = "reescreen.dlq.detail";
    public static final String SOURCE_TOPIC = "reescreen.dlq.source.topic";
    public static final String SOURCE_PARTITION = "reescreen.dlq.source.partition";
    public static final String SOURCE_OFFSET = "reescreen.dlq.source.offset";
    public static final String TIME = "reescreen.dlq.time";

    /**
     * Headers a service stamps on a record for its own way through (the screener's input position across its
     * repartition hop); the DLQ's source headers say the same, so a dead letter does not carry them.
     */
    public static final String TRANSPORT_PREFIX = "reescreen.source.";

    /** Kafka caps a record, not a header; a detail this long is already useless to a person. */
    private static final int MAX_DETAIL_CHARS = 2_000;

    private DlqHeaders() {
    }

    /**
     * The original headers (less the {@link #TRANSPORT_PREFIX} ones) plus the DLQ ones (replacing any DLQ headers already there, e.g. on a record that was
     * taken from the DLQ and re-sent).
     *
     * @param partition -1 and offset -1 when unknown (a punctuation, a test without metadata)
     */
    public static Headers of(Headers original, Enum<?> reason, String detail, String topic, int partition,
                             long offset, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            for (Header h : original) {
                if (!h.key().startsWith("reescreen.dlq.") && !h.key().startsWith(TRANSPORT_PREFIX)) {
                    headers.add(h.key(), h.value());
                }
            }
        }
        String text = detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) + "..." : detail;
        headers.add(REASON, utf8(reason.name()));
        headers.add(DETAIL, utf8(text));
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(TIME, utf8(time.toString()));
        return headers;
    }

    /** The text of the last header named {@code key}, or null. */
    public static String text(Headers headers, String key) {
        return HeaderText.of(headers, key).orElse(null);
    }

    private static byte[] utf8(String text) {
        return HeaderText.utf8(text);
    }
}
