package io.reescreen.retrainer.examples;

import java.util.Objects;

/** A lab result that cannot become a training example, with the reason for the dead-letter topic. */
public final class LabResultRejected extends Exception {

    private final LabDlqReason reason;

    public LabResultRejected(LabDlqReason reason, String detail) {
        super(detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public LabDlqReason reason() {
        return reason;
    }
}
