package io.reescreen.screener.serving;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.predict.LotPrediction;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded model with a reference count: one reference for being the model in force, one per open
 * {@link ModelLease}. The weights (native memory) are freed when the count reaches zero, so a swap never closes a
 * model that a stream thread is predicting with.
 */
public final class ServedModel {

    private final ModelInfo info;
    private final ScreeningModel model;
    private final AtomicInteger references = new AtomicInteger(1);

    private ServedModel(ModelInfo info, ScreeningModel model) {
        this.info = Objects.requireNonNull(info, "info");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Takes ownership of {@code model}: it is closed when this is released for the last time. */
    public static ServedModel of(ModelInfo info, ScreeningModel model) {
        return new ServedModel(info, model);
    }

    /** Loads the artifact's weights onto the engine (the caller owns the result until it is served). */
    public static ServedModel load(ModelInfo info, ModelArtifact artifact) {
        return new ServedModel(info, artifact.load());
    }

    public ModelInfo info() {
        return info;
    }

    ScreeningModel model() {
        return model;
    }

    /**
     * One prediction on a model that is loaded but not served yet, to check it before anyone relies on it. Only for
     * the owner of a fresh model: served models are used through {@link ModelLease}.
     */
    public LotPrediction trial(double[] inputsMolPct, PredictionSettings settings) {
        if (isClosed()) {
            throw new IllegalStateException("model " + info.version() + " is closed");
        }
        return model.predict(inputsMolPct, null, settings);
    }

    /** True once the weights are freed. */
    public boolean isClosed() {
        return references.get() == 0;
    }

    /** Adds a reference unless the model is already closed. */
    boolean tryRetain() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the model. Also used to discard a model that was never served. */
    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            model.close();
        } else if (left < 0) {
            throw new IllegalStateException("model " + info.version() + " released more often than retained");
        }
    }

    @Override
    public String toString() {
        return "ServedModel{" + info.modelName() + " " + info.version() + ", references=" + references.get() + '}';
    }
}
