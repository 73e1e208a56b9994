package io.reescreen.screener.serving;

/** Where the topology gets the model in force. {@link CurrentModel} is the one implementation that swaps. */
public interface ModelSource {

    /** The model in force, described; cheap, never blocks, valid from any thread. */
    ModelInfo info();

    /** Borrows the model in force for one prediction; the caller must close the lease. */
    ModelLease acquire();

    /** An accepted release this instance could not serve, and why ({@link CurrentModel#disagreement()}). */
    default java.util.Optional<String> disagreement() {
        return java.util.Optional.empty();
    }
}
