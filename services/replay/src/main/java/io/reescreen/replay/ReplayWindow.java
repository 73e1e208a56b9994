package io.reescreen.replay;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The stretch of topic history a replay reads, by record timestamp: from {@code from} (inclusive; empty = the
 * beginning of the topic) to {@code to} (exclusive; empty = the end offsets when the replay starts, so records
 * produced while it runs are not read). Offsets are found per partition with {@code offsetsForTimes}: the first record
 * whose timestamp is at or after the time, as Kafka's own tools do.
 *
 * <p>Times are ISO-8601: an instant ({@code 2026-11-20T00:00:00Z}), a date-time with an offset
 * ({@code 2026-11-20T08:00:00+01:00}), or a date ({@code 2026-11-20}, the start of that day in UTC). A date-time
 * without a zone is refused rather than guessed.
 */
public record ReplayWindow(Optional<Instant> from, Optional<Instant> to) {

    /** {@code --from} for the whole history. */
    public static final String BEGINNING = "beginning";
    /** {@code --to} for the end offsets at start (the default). */
    public static final String END = "end";

    public ReplayWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("--from (" + from.get() + ") must be before --to (" + to.get() + ")");
        }
    }

    /**
     * @param from {@value #BEGINNING} or a time
     * @param to   null, {@value #END} or a time
     */
    public static ReplayWindow parse(String from, String to) {
        Objects.requireNonNull(from, "from");
        Optional<Instant> start = from.trim().toLowerCase(Locale.ROOT).equals(BEGINNING) ? Optional.empty()
                : Optional.of(parseTime(from, "--from"));
        Optional<Instant> end = to == null || to.trim().toLowerCase(Locale.ROOT).equals(END) ? Optional.empty()
                : Optional.of(parseTime(to, "--to"));
        return new ReplayWindow(start, end);
    }

    /** An ISO-8601 instant, offset date-time, or date (start of day UTC). */
    public static Instant parseTime(String text, String what) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return Instant.parse(t);
            } catch (DateTimeException notAnInstant) {
                return OffsetDateTime.parse(t).toInstant();
            }
        } catch (DateTimeException e) {
            boolean local;
            try {
                LocalDateTime.parse(t);
                local = true;
            } catch (DateTimeException notLocal) {
                local = false;
            }
            throw new IllegalArgumentException(what + " '" + text + "' is not a time: "
                    + (local ? "add a zone, e.g. " + t + "Z for UTC" : "give an ISO-8601 instant like "
                    + "2026-11-20T00:00:00Z, a date like 2026-11-20 (start of day UTC)")
                    + (what.equals("--from") ? ", or beginning" : ", or end"));
        }
    }

    /** For people: {@code 2026-11-20T00:00:00Z .. end of the topic at start}. */
    public String describe() {
        return from.map(Instant::toString).orElse("beginning of the topic") + " .. "
                + to.map(Instant::toString).orElse("end of the topic at start");
    }
}
