package io.reescreen.launcher.dlq;

import io.reescreen.replay.ReplayWindow;
import io.reescreen.schemas.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which dead letters a command looks at: a reason (the {@code reescreen.dlq.reason} header, any case), a window of
 * dead-letter time, a lot (the record key). Empty means any.
 *
 * <p>The time is when the record was dead-lettered: the {@code reescreen.dlq.time} header, or the record's timestamp
 * where that header is missing or unreadable. Not the record's timestamp first: some dead-letter topics keep the
 * source's timestamp, which may be the very thing that was wrong.
 */
public record DeadLetterFilter(Optional<String> reason, ReplayWindow window, Optional<String> lotId) {

    public DeadLetterFilter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lotId, "lotId");
        reason = reason.map(r -> r.trim().toUpperCase(Locale.ROOT));
    }

    public static DeadLetterFilter all(ReplayWindow window) {
        return new DeadLetterFilter(Optional.empty(), window, Optional.empty());
    }

    public boolean matches(ConsumerRecord<byte[], byte[]> record) {
        if (reason.isPresent() && !reason.get().equals(reasonOf(record))) {
            return false;
        }
        Instant time = deadLetteredAt(record);
        if (window.from().isPresent() && time.isBefore(window.from().get())) {
            return false;
        }
        if (window.to().isPresent() && !time.isBefore(window.to().get())) {
            return false;
        }
        return lotId.isEmpty() || lotId.get().equals(keyText(record));
    }

    /** The reason header, or {@code (no reason)} (a tombstone on lab.results.held, a record written by hand). */
    public static String reasonOf(ConsumerRecord<byte[], byte[]> record) {
        String reason = DlqHeaders.text(record.headers(), DlqHeaders.REASON);
        return reason == null ? "(no reason)" : reason;
    }

    public static Instant deadLetteredAt(ConsumerRecord<byte[], byte[]> record) {
        String time = DlqHeaders.text(record.headers(), DlqHeaders.TIME);
        if (time != null) {
            try {
                return Instant.parse(time);
            } catch (DateTimeException e) {
                // fall back to the record's timestamp
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    /** The key as UTF-8 text, or null. */
    public static String keyText(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    /** For people: {@code reason UNKNOWN_LOT, lot L-1, dead-lettered 2026-11-20T00:00:00Z .. end of the topic at start}. */
    public String describe() {
        return "reason " + reason.orElse("any") + ", lot " + lotId.orElse("any") + ", dead-lettered "
                + window.describe();
    }
}
