package io.reescreen.release;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.predict.ScreeningModel;
import java.util.Objects;

/**
 * A release that passed {@link ReleaseCheck}: its artifact and the model loaded from it (already smoke-tested, so a
 * screener serves it as it is). Whoever holds this owns the model's native memory: serve it, or close this.
 *
 * @param sha256 the artifact's SHA-256, lower-case hex
 */
public record CheckedRelease(String sha256, ModelArtifact artifact, ScreeningModel model) implements AutoCloseable {

    public CheckedRelease {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(model, "model");
    }

    /** Frees the loaded model, for callers that need only the artifact (the retrainer). */
    @Override
    public void close() {
        model.close();
    }
}
