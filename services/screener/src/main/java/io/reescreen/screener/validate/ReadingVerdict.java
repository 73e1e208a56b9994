package io.reescreen.screener.validate;

import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.screener.deadletter.Rejection;
import java.util.Optional;

/** The validator's answer on one reading: accepted, or rejected with the reason and a detail for the DLQ. */
public record ReadingVerdict(Optional<Rejection> rejection) {

    private static final ReadingVerdict ACCEPTED = new ReadingVerdict(Optional.empty());

    public static ReadingVerdict accepted() {
        return ACCEPTED;
    }

    /** @param detail a sentence naming the field and value at fault */
    public static ReadingVerdict rejected(DlqReason reason, String detail) {
        return new ReadingVerdict(Optional.of(new Rejection(reason, detail)));
    }

    public boolean isAccepted() {
        return rejection.isEmpty();
    }
}
