package io.reescreen.retrainer.training;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.predict.ScreeningModel;
import java.util.Map;
import java.util.Objects;

/**
 * A model trained on the examples, not yet judged.
 *
 * @param method  {@code transfer} (the champion's output layer, L2-SP) or {@code full} (from scratch)
 * @param summary what it was trained on and how, for the release's trainingSettings
 */
public record Challenger(ScreeningModel model, String method, Map<String, String> summary) implements AutoCloseable {

    public Challenger {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(method, "method");
        summary = Map.copyOf(summary);
    }

    public ModelArtifact artifact(Map<String, Double> metrics) {
        return ModelArtifact.of(model, summary, metrics);
    }

    @Override
    public void close() {
        model.close();
    }
}
