package io.reescreen.model.units;

import java.util.Set;

/** A model input (feature oxide) is absent from a reading; features are never taken by difference. */
public final class MissingFeatureException extends CompositionException {

    private static final long serialVersionUID = 1L;

    public MissingFeatureException(String message, Set<MajorOxide> missingFeatures) {
        super(message, missingFeatures);
    }
}
