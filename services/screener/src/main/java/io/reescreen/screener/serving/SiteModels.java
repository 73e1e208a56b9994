package io.reescreen.screener.serving;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site models in force, one per site that has a release of its own ({@code name@site} on models.served). A site
 * without one is scored with the base model, which {@link CurrentModel} holds. Swapping or withdrawing one site's
 * model touches no other site's and not the base's. Like the base, a replaced model closes when its last lease does.
 */
final class SiteModels implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SiteModels.class);

    private final Map<String, ServedModel> bySite = new ConcurrentHashMap<>();
    /** Accepted site releases this instance could not serve, and why (see {@link CurrentModel#disagreement()}). */
    private final Map<String, String> disagreements = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Whether {@code siteId} has a model of its own now (null never has). */
    boolean serves(String siteId) {
        return siteId != null && bySite.containsKey(siteId);
    }

    /** A lease on the site's model; empty when the site has none (the caller falls back to the base). */
    Optional<ModelLease> acquire(String siteId) {
        if (siteId == null) {
            return Optional.empty();
        }
        while (true) {
            ServedModel model = bySite.get(siteId);
            if (model == null) {
                return Optional.empty();
            }
            if (model.tryRetain()) {
                return Optional.of(new ModelLease(model));
            }
            // Lost a race with a swap or withdrawal that released the last reference: look again.
        }
    }

    Optional<ModelInfo> info(String siteId) {
        return Optional.ofNullable(siteId == null ? null : bySite.get(siteId)).map(ServedModel::info);
    }

    /** Every site's model in force, by site id. */
    Map<String, ModelInfo> all() {
        Map<String, ModelInfo> out = new TreeMap<>();
        bySite.forEach((site, model) -> out.put(site, model.info()));
        return out;
    }

    /** @return the site's previous model's description, empty when it was scored with the base */
    synchronized Optional<ModelInfo> swap(String siteId, ServedModel next) {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(next, "next");
        if (closed) {
            next.release();
            throw new IllegalStateException("the site models are closed");
        }
        ServedModel previous = bySite.put(siteId, next);
        LOG.info("model {} {} now serves site {} (was {})", next.info().modelName(), next.info().version(), siteId,
                previous == null ? "the base model" : previous.info().version());
        if (previous == null) {
            return Optional.empty();
        }
        previous.release();
        return Optional.of(previous.info());
    }

    /** The site goes back to the base model; its own closes when its last lease does. */
    synchronized Optional<ModelInfo> withdraw(String siteId) {
        ServedModel previous = bySite.remove(siteId);
        disagreements.remove(siteId);
        if (previous == null) {
            return Optional.empty();
        }
        previous.release();
        return Optional.of(previous.info());
    }

    void disagrees(String siteId, String description) {
        disagreements.put(siteId, Objects.requireNonNull(description, "description"));
    }

    void agrees(String siteId) {
        disagreements.remove(siteId);
    }

    Optional<String> disagreement(String siteId) {
        return Optional.ofNullable(disagreements.get(siteId));
    }

    /** The sites whose accepted release this instance could not serve, with why. */
    Map<String, String> disagreements() {
        return new TreeMap<>(disagreements);
    }

    @Override
    public synchronized void close() {
        closed = true;
        bySite.values().forEach(ServedModel::release);
        bySite.clear();
    }
}
