package io.reescreen.screener.enrich;

import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.screener.deadletter.Rejection;
import java.util.Objects;

/** What enriching one reading gave: the reading in the model's representation, or why the library refused it. */
public record Enrichment(EnrichedReading reading, Rejection rejection) {

    public Enrichment {
        if ((reading == null) == (rejection == null)) {
            throw new IllegalArgumentException("an enrichment is either a reading or a rejection");
        }
    }

    static Enrichment of(EnrichedReading reading) {
        return new Enrichment(Objects.requireNonNull(reading, "reading"), null);
    }

    static Enrichment refused(DlqReason reason, String detail) {
        return new Enrichment(null, new Rejection(reason, detail));
    }

    public boolean isRefused() {
        return rejection != null;
    }
}
