package io.reescreen.model.units;

/**
 * How a "&lt;LOD" value is turned into a number. The substituted value gets a 1σ that covers the unknown true
 * value, so Monte-Carlo noise from the reading's own σ still spans [0, LOD].
 */
public enum BelowDetectionPolicy {
    /** 0 wt%, 1σ = LOD/√3 (RMS distance from 0 of a value uniform on [0, LOD]). */
    ZERO,
    /** LOD/2, 1σ = LOD/√12 (a value uniform on [0, LOD]). The default: unbiased under that assumption. */
    HALF_DETECTION_LIMIT,
    /** A below-detection major oxide rejects the reading. */
    REJECT;

    double substituteWtPct(double detectionLimitWtPct) {
        return switch (this) {
            case ZERO -> 0.0;
            case HALF_DETECTION_LIMIT -> detectionLimitWtPct / 2.0;
            case REJECT -> throw new IllegalStateException("REJECT substitutes nothing");
        };
    }

    double substituteSigmaWtPct(double detectionLimitWtPct) {
        return switch (this) {
            case ZERO -> detectionLimitWtPct / Math.sqrt(3.0);
            case HALF_DETECTION_LIMIT -> detectionLimitWtPct / Math.sqrt(12.0);
            case REJECT -> throw new IllegalStateException("REJECT substitutes nothing");
        };
    }
}
