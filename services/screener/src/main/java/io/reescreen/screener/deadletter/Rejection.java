package io.reescreen.screener.deadletter;

import io.reescreen.screener.reasons.DlqReason;
import java.util.Objects;

/**
 * Why a stage of the reading path refused a reading: the reason that goes into the {@code reescreen.dlq.reason}
 * header, and a sentence naming the field and value at fault for the detail header.
 */
public record Rejection(DlqReason reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
