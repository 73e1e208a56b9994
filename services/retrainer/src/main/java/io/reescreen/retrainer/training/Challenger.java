package io.reescreen.retrainer.training;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.predict.ScreeningModel;
import java.util.LinkedHashMap;
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

    /** The same model, with one more entry in what it was trained on (e.g. the base it was transferred from). */
    public Challenger noting(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(summary);
        more.put(key, value);
        return new Challenger(model, method, more);
    }

    public ModelArtifact artifact(Map<String, Double> metrics) {
        return ModelArtifact.of(model, summary, metrics);
    }

    @Override
    public void close() {
        model.close();
    }
}
