package io.reescreen.screener.enrich;

import io.reescreen.model.units.MajorOxide;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One reading in the model's representation: mol % of the ten major oxides (paper order, summing to 100), each
 * oxide's 1-sigma in mol % when the analyzer reported sigmas, and which oxides were not measured as such.
 *
 * @param sigmaMolPct null when the reading carried no (complete) uncertainty
 */
public record ShotComposition(double[] molPct, double[] sigmaMolPct, MajorOxide byDifference,
                              Set<MajorOxide> belowDetection) {

    public ShotComposition {
        Objects.requireNonNull(molPct, "molPct");
        if (molPct.length != MajorOxide.COUNT || (sigmaMolPct != null && sigmaMolPct.length != MajorOxide.COUNT)) {
            throw new IllegalArgumentException("a shot has exactly " + MajorOxide.COUNT + " oxides");
        }
        molPct = molPct.clone();
        sigmaMolPct = sigmaMolPct == null ? null : sigmaMolPct.clone();
        belowDetection = belowDetection.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(belowDetection));
    }

    @Override
    public double[] molPct() {
        return molPct.clone();
    }

    @Override
    public double[] sigmaMolPct() {
        return sigmaMolPct == null ? null : sigmaMolPct.clone();
    }

    public double molPct(MajorOxide oxide) {
        return molPct[oxide.ordinal()];
    }

    public Optional<MajorOxide> byDifferenceOxide() {
        return Optional.ofNullable(byDifference);
    }

    /**
     * The sigma used to weight this shot: the reported one, or {@code defaultRelative} of the value when none was
     * reported, never below {@code minRelative} of the value (nor 1e-4 mol %), so a zero sigma cannot take all the
     * weight.
     */
    public double weightingSigmaMolPct(MajorOxide oxide, double defaultRelative, double minRelative) {
        int i = oxide.ordinal();
        double value = molPct[i];
        double sigma = sigmaMolPct == null ? defaultRelative * value : sigmaMolPct[i];
        return Math.max(Math.max(sigma, minRelative * value), 1e-4);
    }
}
