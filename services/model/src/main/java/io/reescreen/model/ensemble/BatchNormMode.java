package io.reescreen.model.ensemble;

/** How the network's BatchNorm layers behave in a forward pass. */
public enum BatchNormMode {
    /** Normalise by the batch's own statistics and move the running statistics (full training). */
    TRAINING,
    /** Normalise by the running statistics and leave them untouched (inference, and transfer learning). */
    FROZEN
}
