package io.reescreen.model.training;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.predict.ScreeningModel;

import java.util.Optional;

/**
 * A freshly trained model (owned by the caller, who closes it), its artifact, and its scores on the rows
 * held out from training (empty when the data were too few to hold any out).
 */
public record TrainedModel(ScreeningModel model, ModelArtifact artifact, Optional<HoldOutScores> test)
        implements AutoCloseable {

    @Override
    public void close() {
        model.close();
    }
}
