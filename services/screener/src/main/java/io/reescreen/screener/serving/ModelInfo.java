package io.reescreen.screener.serving;

import io.reescreen.schemas.ReleaseAction;
import io.reescreen.model.units.FeatureSet;
import java.util.Objects;

/**
 * What is known about a served model without touching its weights: safe to read from any thread at any time, even
 * after the model itself was swapped out and closed.
 *
 * @param modelName      the release key (models.releases) this model serves under
 * @param version        the exact release; every prediction carries it
 * @param parentVersion  the version it was trained or transferred from, if the release said so (nullable)
 * @param action         how it came into force; null for the bootstrap model
 * @param artifactSha256 hex SHA-256 of the artifact bytes
 * @param features       the model inputs, mol % over the ten major oxides
 * @param servedSinceMs  wall-clock ms when it started serving
 * @param siteId         the site whose model this is; null for the base model (every site without one of its own)
 */
public record ModelInfo(String modelName, String version, String parentVersion, ReleaseAction action,
                        String artifactSha256, FeatureSet features, int ensembleMembers, long servedSinceMs,
                        String siteId) {

    /** A base model's description (no site). */
    public ModelInfo(String modelName, String version, String parentVersion, ReleaseAction action,
                     String artifactSha256, FeatureSet features, int ensembleMembers, long servedSinceMs) {
        this(modelName, version, parentVersion, action, artifactSha256, features, ensembleMembers, servedSinceMs, null);
    }

    public ModelInfo {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(artifactSha256, "artifactSha256");
        Objects.requireNonNull(features, "features");
    }

    /** True for the model given to the topology at start-up, before any release was accepted. */
    public boolean isBootstrap() {
        return action == null;
    }
}
