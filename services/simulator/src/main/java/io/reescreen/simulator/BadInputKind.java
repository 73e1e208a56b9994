package io.reescreen.simulator;

/**
 * The ways a simulated reading is made deliberately bad, so that the screener's validation and dead-letter path
 * can be exercised and counted. Each kind breaks a reading in one way only; everything else about it stays valid.
 */
public enum BadInputKind {
    /** One measured analyte reported below zero (a broken background subtraction). */
    NEGATIVE_VALUE("INVALID_VALUE"),
    /** One measured analyte reported as NaN (a failed fit in the analyzer's firmware). */
    NAN_VALUE("INVALID_VALUE"),
    /** Al2O3 (or Al) absent: the strongest model input cannot be taken by difference. */
    MISSING_REQUIRED_ANALYTE("MISSING_ANALYTE"),
    /**
     * Every analyte scaled down so the oxide wt% total is about 30–50 %, far below the plausible ~70–110 %
     * (a half-empty sample cup); each value on its own stays a valid number. Only made on analyzers that report
     * SiO2, since without it the total is not defined until SiO2 is taken by difference.
     */
    IMPLAUSIBLE_TOTAL("IMPLAUSIBLE_TOTAL"),
    /** The reading's basis is UNKNOWN, so no value has a unit. */
    UNKNOWN_BASIS("UNKNOWN_BASIS"),
    /** sampledAt a day ahead of the simulated clock (an analyzer with a wrong clock or time zone). */
    FUTURE_TIMESTAMP("FUTURE_TIMESTAMP"),
    /** A lot id never published on the lots topic (a typo at the yard). */
    UNKNOWN_LOT("UNKNOWN_LOT"),
    /** Not Avro at all: an analyzer's text export line published raw, without the registry framing. */
    UNDECODABLE("UNDECODABLE");

    private final String expectedReason;

    BadInputKind(String expectedReason) {
        this.expectedReason = expectedReason;
    }

    /** The reason the screener puts in the dead-letter header for a reading of this kind. */
    public String expectedReason() {
        return expectedReason;
    }
}
