package io.reescreen.retrainer.testing;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.transfer.TransferSettings;
import io.reescreen.retrainer.training.RetrainingSettings;
import java.util.Map;

/** A champion small enough to train in a unit test, and retraining settings fast enough to judge it in one. */
public final class SmallChampion {

    /** Few members and epochs, no cross-validated residual: seconds, not minutes. */
    public static final RetrainingSettings FAST_RETRAINING = new RetrainingSettings(200,
            TransferSettings.defaults().withResidualFolds(0), TrainingRecipe.paper(), 2, 0.05, 10, 5L);

    private SmallChampion() {
    }

    /** 3 members, 40 epochs, on 120 synthetic reference ashes (seed 1). */
    public static ModelArtifact train() {
        Dataset reference = new SyntheticAshGenerator(SyntheticSpec.withSeed(1)).generate(120);
        try (ScreeningModel model = EnsembleFitting.fit(reference, TrainingRecipe.paper().withMembers(3)
                .withSettings(TrainingSettings.paper().withEpochs(40)), EnsembleTrainer.Progress.NONE)) {
            return ModelArtifact.of(model, Map.of(), Map.of());
        }
    }
}
