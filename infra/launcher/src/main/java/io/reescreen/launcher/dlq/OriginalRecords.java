package io.reescreen.launcher.dlq;

import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The original of a dead letter, as a replay re-admits it. A whole copy is the original. A truncated copy
 * ({@link DeadLetter#TRUNCATED}) is not: the original is read again from the source topic, partition and offset the
 * dead letter names, and must match the SHA-256 the copy recorded; when it is gone (retention, compaction) or differs,
 * the dead letter is not replayable, and says why.
 */
public final class OriginalRecords {

    /** On a re-admitted record: the dead letter it came from ({@code xrf.readings.dlq/0/42}); a fresh dead letter keeps it. */
    public static final String REPLAY_OF = "reescreen.replay.of";

    /** Why a dead letter could not be re-admitted (the summary counts by these). */
    public static final String NO_SOURCE_POSITION = "truncated, source position unknown";
    public static final String SOURCE_GONE = "truncated, original no longer on the source topic";
    public static final String SOURCE_DIFFERS = "truncated, record at the source position is not the original";

    /** A readmission, or why there is none. */
    public record Resolution(Readmission readmission, String notReplayable, String detail) {
        static Resolution of(Readmission readmission) {
            return new Resolution(readmission, null, null);
        }

        static Resolution not(String why, String detail) {
            return new Resolution(null, why, detail);
        }

        public boolean replayable() {
            return readmission != null;
        }
    }

    private final Consumer<byte[], byte[]> source;
    private final Duration timeout;

    /** @param source a read_committed consumer without a group (assign/seek), for the truncated ones */
    public OriginalRecords(Consumer<byte[], byte[]> source, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public Resolution resolve(ConsumerRecord<byte[], byte[]> deadLetter) {
        String replayOf = ReplayLedger.key(deadLetter);
        if (deadLetter.headers().lastHeader(DeadLetter.TRUNCATED) == null) {
            return Resolution.of(new Readmission(deadLetter.key(), deadLetter.value(),
                    originalHeaders(deadLetter.headers(), replayOf), sourceTimestamp(deadLetter.headers())));
        }
        String topic = DlqHeaders.text(deadLetter.headers(), DlqHeaders.SOURCE_TOPIC);
        int partition;
        long offset;
        try {
            partition = Integer.parseInt(DlqHeaders.text(deadLetter.headers(), DlqHeaders.SOURCE_PARTITION));
            offset = Long.parseLong(DlqHeaders.text(deadLetter.headers(), DlqHeaders.SOURCE_OFFSET));
        } catch (NumberFormatException e) {
            partition = -1;
            offset = -1;
        }
        if (topic == null || partition < 0 || offset < 0) {
            return Resolution.not(NO_SOURCE_POSITION, replayOf + " names no source position");
        }
        String where = topic + "-" + partition + "@" + offset;
        TopicPartition tp = new TopicPartition(topic, partition);
        long first = source.beginningOffsets(List.of(tp), timeout).get(tp);
        long end = source.endOffsets(List.of(tp), timeout).get(tp);
        if (offset < first || offset >= end) {
            return Resolution.not(SOURCE_GONE, replayOf + ": " + where + " is outside the retained offsets "
                    + first + ".." + end);
        }
        ConsumerRecord<byte[], byte[]> original = fetch(tp, offset);
        if (original == null || original.offset() != offset) {
            return Resolution.not(SOURCE_GONE, replayOf + ": " + where + " was compacted away or never committed");
        }
        String valueSha = DlqHeaders.text(deadLetter.headers(), DeadLetter.ORIGINAL_VALUE_SHA256);
        String keySha = DlqHeaders.text(deadLetter.headers(), DeadLetter.ORIGINAL_KEY_SHA256);
        if ((valueSha != null && !valueSha.equals(sha256(original.value())))
                || (keySha != null && !keySha.equals(sha256(original.key())))) {
            return Resolution.not(SOURCE_DIFFERS, replayOf + ": the SHA-256 of " + where
                    + " differs from the one the dead letter recorded");
        }
        return Resolution.of(new Readmission(original.key(), original.value(),
                originalHeaders(original.headers(), replayOf), original.timestamp()));
    }

    /** The first record at or after {@code offset} on {@code tp}, or null if none comes within the timeout. */
    private ConsumerRecord<byte[], byte[]> fetch(TopicPartition tp, long offset) {
        source.assign(List.of(tp));
        source.seek(tp, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : source.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= offset) {
                        return r;
                    }
                }
                if (source.position(tp, timeout) > offset) {
                    return null; // the position passed it: an aborted or compacted record
                }
            }
            return null;
        } finally {
            source.assign(List.of());
        }
    }

    /** The headers the original had: without the dead-letter and transport ones; with where it was replayed from. */
    private static Headers originalHeaders(Headers headers, String replayOf) {
        RecordHeaders out = new RecordHeaders();
        for (Header h : headers) {
            if (!h.key().startsWith("reescreen.dlq.") && !h.key().startsWith(DlqHeaders.TRANSPORT_PREFIX)
                    && !h.key().equals(REPLAY_OF)) {
                out.add(h.key(), h.value());
            }
        }
        out.add(REPLAY_OF, HeaderText.utf8(replayOf));
        return out;
    }

    /** The screener records the source's timestamp on a reading's dead letter; other dead letters do not. */
    private static Long sourceTimestamp(Headers headers) {
        String ms = DlqHeaders.text(headers, "reescreen.dlq.source.timestamp");
        try {
            return ms == null ? null : Long.parseLong(ms);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        return DeadLetter.sha256(bytes == null ? new byte[0] : bytes);
    }
}
