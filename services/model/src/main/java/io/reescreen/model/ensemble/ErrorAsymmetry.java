package io.reescreen.model.ensemble;

/**
 * The paper's optional screening-aware loss (its Table 4): errors on one side of the truth cost more, so
 * a site can trade false positives (over-estimates flag poor lots) for false negatives, or back. Our
 * reading of "square the error when the prediction is above (below) the truth": the squared error on
 * that side is multiplied by a factor (2 by default), which keeps the loss smooth and scale-free.
 */
public enum ErrorAsymmetry {
    SYMMETRIC,
    /** Over-estimates cost more: fewer false positives. */
    PENALISE_OVERESTIMATES,
    /** Under-estimates cost more: fewer false negatives. */
    PENALISE_UNDERESTIMATES
}
