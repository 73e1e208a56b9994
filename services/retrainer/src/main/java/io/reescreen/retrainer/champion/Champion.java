package io.reescreen.retrainer.champion;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.retrainer.training.RetrainingLoop;
import java.util.Objects;

/**
 * The model the screeners serve, as the retrainer sees it: what challengers are transferred from and judged against.
 *
 * @param version  the release's version, or the bootstrap model's {@code bootstrap-<label>-<sha>}
 * @param artifact its weights
 * @param offset   its record's offset on models.served; -1 for the bootstrap model and for what this retrainer has
 *                 just published (until models.served shows it)
 */
public record Champion(String version, ModelArtifact artifact, long offset) implements RetrainingLoop.ChampionSource {

    public Champion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(artifact, "artifact");
    }
}
