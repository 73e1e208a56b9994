package io.reescreen.model.units;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A reading or composition that cannot be turned into the paper's representation: a major oxide missing where
 * the policy forbids taking it by difference, a below-detection value the policy rejects, values out of range.
 * {@link #oxides()} names the oxides at fault so callers (e.g. a dead-letter queue) can report them.
 */
public class CompositionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Set<MajorOxide> oxides;

    public CompositionException(String message, Set<MajorOxide> oxides) {
        super(message);
        this.oxides = oxides.isEmpty() ? Collections.emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(oxides));
    }

    /** The oxides the problem concerns (possibly empty, e.g. for a total out of range). */
    public Set<MajorOxide> oxides() {
        return oxides;
    }
}
