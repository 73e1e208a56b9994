package io.reescreen.screener.validate;

import io.reescreen.screener.enrich.EnrichedReading;

/**
 * What the screen forwards: an accepted reading, or the rejected record's value bytes, cut only when the copy would
 * not fit under the record size limit (its key and the DLQ headers travel on the record itself). Exactly one of the
 * two is set.
 */
public record ScreenedReading(EnrichedReading accepted, byte[] rejectedValue) {

    static ScreenedReading accepted(EnrichedReading reading) {
        return new ScreenedReading(reading, null);
    }

    static ScreenedReading rejected(byte[] originalValue) {
        return new ScreenedReading(null, originalValue);
    }

    public boolean isAccepted() {
        return accepted != null;
    }
}
