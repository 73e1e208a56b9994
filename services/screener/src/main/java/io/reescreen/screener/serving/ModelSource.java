package io.reescreen.screener.serving;

/**
 * Where the topology gets the model in force: the base model, or a site's own where it has one. {@link CurrentModel} is
 * the one implementation that swaps.
 */
public interface ModelSource {

    /** The model in force, described; cheap, never blocks, valid from any thread. */
    ModelInfo info();

    /** Borrows the base model in force for one prediction; the caller must close the lease. */
    ModelLease acquire();

    /**
     * Borrows the model that scores a lot of {@code siteId}: the site's own, else the base ({@code siteId} null or
     * unknown). The lease's {@link ModelInfo#siteId()} says which.
     */
    default ModelLease acquire(String siteId) {
        return acquire();
    }

    /** The site whose own model scores a lot of {@code siteId} now, or null when the base does. */
    default String routeOf(String siteId) {
        return null;
    }

    /** An accepted release of the base this instance could not serve, and why ({@link CurrentModel#disagreement()}). */
    default java.util.Optional<String> disagreement() {
        return java.util.Optional.empty();
    }

    /** Whether any accepted release, the base's or a site's, is one this instance could not serve. */
    default boolean disagreesAnywhere() {
        return disagreement().isPresent();
    }

    /** Every site model in force, by site id. */
    default java.util.Map<String, ModelInfo> siteModels() {
        return java.util.Map.of();
    }
}
