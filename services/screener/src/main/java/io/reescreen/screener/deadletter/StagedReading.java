package io.reescreen.screener.deadletter;

import java.util.Objects;

/**
 * A reading between two stages of the reading path (decode → validate → enrich): what the last stage made of it,
 * with the record's original value bytes so that a later stage can still dead-letter it byte for byte; or the value
 * of the dead letter an earlier stage made of it, passed on untouched to the one xrf.readings.dlq sink. The record's
 * key and headers stay the original ones on the way; the enrichment stage drops the headers of the readings it
 * accepts. Lives only inside the topology (never serialised).
 *
 * @param value           the stage's result; null for a dead letter
 * @param originalValue   the value bytes as read from xrf.readings (null when the record had none); null for a dead
 *                        letter
 * @param deadLetterValue the dead letter's value bytes (the original ones, cut only when they would not fit under
 *                        the record size limit); null while the reading is still on its way
 */
public record StagedReading<T>(T value, byte[] originalValue, byte[] deadLetterValue) {

    public static <T> StagedReading<T> passed(T value, byte[] originalValue) {
        return new StagedReading<>(Objects.requireNonNull(value, "value"), originalValue, null);
    }

    public static <T> StagedReading<T> deadLetter(byte[] deadLetterValue) {
        return new StagedReading<>(null, null, deadLetterValue);
    }

    public boolean isDeadLetter() {
        return value == null;
    }

    /** The next stage's result for the same reading, still with its original bytes. */
    public <U> StagedReading<U> then(U next) {
        if (isDeadLetter()) {
            throw new IllegalStateException("a dead letter goes on as it is");
        }
        return passed(next, originalValue);
    }

    /** This dead letter, as the next stage's output type. */
    public <U> StagedReading<U> passedOn() {
        if (!isDeadLetter()) {
            throw new IllegalStateException("only a dead letter goes on as it is");
        }
        return deadLetter(deadLetterValue);
    }
}
