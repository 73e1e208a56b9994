package io.reescreen.release;

import io.reescreen.schemas.ModelRelease;
import java.util.Objects;
import java.util.Optional;

/**
 * The key of a release on models.releases and models.served: the model name for the base model, {@code name@site} for
 * a site's model. Compaction keeps the latest release per key, so each site's model and the base are in force side by
 * side and replacing one never deletes another. The one rule for this key: everything that writes or reads those
 * topics goes through here.
 *
 * @param siteId empty for the base model
 */
public record ReleaseKey(String modelName, Optional<String> siteId) {

    /** Separates the model name from the site; a model name may not contain it, a site id may. */
    public static final char SEPARATOR = '@';

    public ReleaseKey {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(siteId, "siteId");
        if (modelName.isBlank() || modelName.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a model name is not blank and has no '" + SEPARATOR + "': '"
                    + modelName + "'");
        }
        if (siteId.isPresent() && siteId.get().isBlank()) {
            throw new IllegalArgumentException("a site id is not blank");
        }
    }

    public static ReleaseKey base(String modelName) {
        return new ReleaseKey(modelName, Optional.empty());
    }

    public static ReleaseKey site(String modelName, String siteId) {
        return new ReleaseKey(modelName, Optional.of(siteId));
    }

    /** A release's key: its site's, or the base's when it names none (every release written before site models). */
    public static ReleaseKey of(ModelRelease release) {
        return new ReleaseKey(release.getModelName(), Optional.ofNullable(release.getSiteId()));
    }

    /** The key as written on the topics. */
    public static ReleaseKey parse(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? base(key) : site(key.substring(0, at), key.substring(at + 1));
    }

    public boolean isBase() {
        return siteId.isEmpty();
    }

    /** The key as written on the topics: {@code name} or {@code name@site}. */
    @Override
    public String toString() {
        return siteId.map(s -> modelName + SEPARATOR + s).orElse(modelName);
    }
}
