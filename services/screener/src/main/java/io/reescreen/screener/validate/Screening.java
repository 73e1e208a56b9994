package io.reescreen.screener.validate;

import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.screener.enrich.EnrichedReading;
import java.util.Objects;

/** The outcome of screening one reading: accepted and converted, or rejected with a reason for the DLQ. */
public sealed interface Screening {

    record Accepted(EnrichedReading reading) implements Screening {
        public Accepted {
            Objects.requireNonNull(reading, "reading");
        }
    }

    /** @param detail a sentence naming the field and value at fault */
    record Rejected(DlqReason reason, String detail) implements Screening {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
