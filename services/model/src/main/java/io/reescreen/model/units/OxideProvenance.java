package io.reescreen.model.units;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which values of a composition were not measured as such: the oxide taken by difference (at most one) and the
 * oxides that were below detection and substituted. Carried from wt% to mol % so a prediction built on them can
 * say so.
 */
public final class OxideProvenance {

    /** Every oxide measured above detection. */
    public static final OxideProvenance MEASURED = new OxideProvenance(null, EnumSet.noneOf(MajorOxide.class));

    private final MajorOxide byDifference;
    private final Set<MajorOxide> belowDetection;

    private OxideProvenance(MajorOxide byDifference, Set<MajorOxide> belowDetection) {
        this.byDifference = byDifference;
        this.belowDetection = belowDetection.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(belowDetection));
    }

    public static OxideProvenance of(Optional<MajorOxide> byDifference, Set<MajorOxide> belowDetection) {
        Objects.requireNonNull(byDifference, "byDifference");
        Objects.requireNonNull(belowDetection, "belowDetection");
        if (byDifference.isEmpty() && belowDetection.isEmpty()) {
            return MEASURED;
        }
        if (byDifference.isPresent() && belowDetection.contains(byDifference.get())) {
            throw new IllegalArgumentException(byDifference.get() + " cannot be both by difference and below detection");
        }
        return new OxideProvenance(byDifference.orElse(null), belowDetection);
    }

    public Optional<MajorOxide> byDifference() {
        return Optional.ofNullable(byDifference);
    }

    public Set<MajorOxide> belowDetection() {
        return belowDetection;
    }

    /** True when every value was measured above detection. */
    public boolean isFullyMeasured() {
        return byDifference == null && belowDetection.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OxideProvenance other && Objects.equals(byDifference, other.byDifference)
                && belowDetection.equals(other.belowDetection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byDifference, belowDetection);
    }

    @Override
    public String toString() {
        return isFullyMeasured() ? "measured"
                : "byDifference=" + byDifference().map(MajorOxide::formula).orElse("none")
                + ", belowDetection=" + belowDetection;
    }
}
