package io.reescreen.screener.lotinfo;

import io.reescreen.screener.reasons.LotDlqReason;
import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.LotInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether one decoded lots record can be kept as the lot's metadata. Pure: no Kafka, no clock of its own.
 * Every string of a LotInfo reaches the lot-info store, lot.compositions (siteId) and GET /lots, so each is bounded
 * as an identifier ({@link Identifiers#MAX_BYTES}); updatedAt orders a lot's metadata, so it must be a plausible time.
 */
public final class LotInfoValidator {

    /** No lot metadata is older than this (a zero or negative updatedAt is a producer's bug, not a time). */
    public static final Instant EARLIEST_UPDATED_AT = Instant.parse("2000-01-01T00:00:00Z");

    /** Why a record was refused. */
    public record Rejection(LotDlqReason reason, String detail) {
        public Rejection {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final Duration maxFutureSkew;

    /** @param maxFutureSkew how far updatedAt may lie after the record time / wall clock (as for readings' sampledAt) */
    public LotInfoValidator(Duration maxFutureSkew) {
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    }

    /**
     * @param key               the record key's bytes (null when it had none)
     * @param recordTimestampMs the Kafka record timestamp (negative when unknown)
     * @param nowMs             wall clock
     */
    public Optional<Rejection> problem(byte[] key, LotInfo info, long recordTimestampMs, long nowMs) {
        Optional<Rejection> keyProblem = keyProblem(key);
        if (keyProblem.isPresent()) {
            return keyProblem;
        }
        for (String[] field : new String[][] {{"lotId", info.getLotId()}, {"siteId", info.getSiteId()}}) {
            if (field[1] == null || field[1].isBlank()) {
                return reject(LotDlqReason.MISSING_ID, field[0] + " is blank");
            }
        }
        for (String[] field : new String[][] {{"lotId", info.getLotId()}, {"siteId", info.getSiteId()},
                {"basin", info.getBasin()}, {"boilerType", info.getBoilerType()}}) {
            Optional<String> tooLong = Identifiers.problem(field[0], field[1]);
            if (tooLong.isPresent()) {
                return reject(LotDlqReason.ID_TOO_LONG, tooLong.get());
            }
            int control = firstControlCharacter(field[1]);
            if (control >= 0) {
                return reject(LotDlqReason.INVALID_VALUE, String.format("%s contains the control character U+%04X at"
                        + " index %d", field[0], (int) field[1].charAt(control), control));
            }
        }
        String keyText = new String(key, StandardCharsets.UTF_8);
        if (!info.getLotId().equals(keyText)) {
            return reject(LotDlqReason.LOT_KEY_MISMATCH, "record key '" + keyText + "' is not the LotInfo's lotId '"
                    + info.getLotId() + "'");
        }
        Instant updatedAt = info.getUpdatedAt();
        // The earlier of record time and wall clock, as for readings: a replay is judged by its own timestamps.
        long reference = recordTimestampMs >= 0 ? Math.min(recordTimestampMs, nowMs) : nowMs;
        if (updatedAt.isBefore(EARLIEST_UPDATED_AT)) {
            return reject(LotDlqReason.INVALID_TIMESTAMP, "updatedAt " + updatedAt + " is before "
                    + EARLIEST_UPDATED_AT);
        }
        if (updatedAt.toEpochMilli() > reference + maxFutureSkew.toMillis()) {
            return reject(LotDlqReason.INVALID_TIMESTAMP, "updatedAt " + updatedAt + " is "
                    + (updatedAt.toEpochMilli() - reference) / 1000 + " s after " + Instant.ofEpochMilli(reference)
                    + " (record time / wall clock); at most " + maxFutureSkew + " is allowed");
        }
        return Optional.empty();
    }

    /** What is wrong with a record key, whatever the value (a tombstone has only its key). */
    public static Optional<Rejection> keyProblem(byte[] key) {
        if (key == null) {
            return reject(LotDlqReason.LOT_KEY_MISMATCH, "record key is null; lots records are keyed by lotId");
        }
        if (key.length > Identifiers.MAX_BYTES) {
            return reject(LotDlqReason.ID_TOO_LONG, "the record key is " + key.length + " bytes long; at most "
                    + Identifiers.MAX_BYTES + " UTF-8 bytes are allowed");
        }
        return Optional.empty();
    }

    private static int firstControlCharacter(String text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Rejection> reject(LotDlqReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}
