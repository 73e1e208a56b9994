package io.reescreen.screener.release;

/**
 * What the release gate forwards: an accepted record's value, unchanged (null for a withdrawal), for models.served;
 * or a refused record's dead-letter copy (key and value as {@link io.reescreen.schemas.DeadLetter#fitted} cut them;
 * the reason travels in the record's headers) for models.releases.dlq.
 */
public record GatedRelease(boolean accepted, byte[] value, byte[] deadLetterKey) {

    static GatedRelease accepted(byte[] originalValue) {
        return new GatedRelease(true, originalValue, null);
    }

    static GatedRelease refused(byte[] key, byte[] value) {
        return new GatedRelease(false, value, key);
    }
}
