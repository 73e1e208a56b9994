package io.reescreen.simulator.lab;

/**
 * The ways a simulated lab result is made deliberately bad, so the retrainer's validation and its dead-letter path
 * ({@code lab.results.dlq}) can be exercised and counted. Each kind breaks one rule only; everything else about the
 * result stays valid, so a validator that rejects it has rejected it for {@link #expectedReason()} and no other.
 */
public enum BadLabResultKind {
    /** The result names a lot that was never published on {@code lots} (a typo on the lab's sample form). */
    UNKNOWN_LOT("UNKNOWN_LOT"),
    /** One measured element reported as a negative number or NaN (a broken blank correction, a failed fit). */
    INVALID_VALUE("INVALID_VALUE"),
    /** Every value's unit is UNKNOWN, so no number can be converted to the model's ppm mol. */
    UNKNOWN_UNIT("UNKNOWN_UNIT"),
    /** materialBasis WHOLE_COAL without the ash yield needed to bring the values to an ash basis. */
    MISSING_ASH_YIELD("MISSING_ASH_YIELD"),
    /** One of the 16 elements absent from the values, so the total and that target are undefined. */
    MISSING_ELEMENT("MISSING_ELEMENT");

    private final String expectedReason;

    BadLabResultKind(String expectedReason) {
        this.expectedReason = expectedReason;
    }

    /** The reason the retrainer puts in the dead-letter header for a result of this kind. */
    public String expectedReason() {
        return expectedReason;
    }
}
