package io.reescreen.model.units;

import java.util.Objects;

/**
 * How a raw oxide reading becomes a complete ten-oxide composition.
 *
 * @param missingOxides      reject, or take one oxide by difference
 * @param byDifferenceOxide  the only oxide that may be taken by difference (typically SiO2, which four-acid
 *                           digestion and some analyzers do not report)
 * @param belowDetection     how "&lt;LOD" values are handled
 */
public record ReadingPolicy(MissingOxidePolicy missingOxides, MajorOxide byDifferenceOxide,
                            BelowDetectionPolicy belowDetection) {

    public ReadingPolicy {
        Objects.requireNonNull(missingOxides, "missingOxides");
        Objects.requireNonNull(byDifferenceOxide, "byDifferenceOxide");
        Objects.requireNonNull(belowDetection, "belowDetection");
    }

    /** The default: a missing oxide rejects the reading; below-detection values become LOD/2. */
    public static ReadingPolicy rejectMissing() {
        return new ReadingPolicy(MissingOxidePolicy.REJECT, MajorOxide.SIO2, BelowDetectionPolicy.HALF_DETECTION_LIMIT);
    }

    /** A missing {@code oxide} is taken by difference; below-detection values become LOD/2. */
    public static ReadingPolicy byDifference(MajorOxide oxide) {
        return new ReadingPolicy(MissingOxidePolicy.BY_DIFFERENCE, oxide, BelowDetectionPolicy.HALF_DETECTION_LIMIT);
    }

    public ReadingPolicy withBelowDetection(BelowDetectionPolicy policy) {
        return new ReadingPolicy(missingOxides, byDifferenceOxide, policy);
    }
}
