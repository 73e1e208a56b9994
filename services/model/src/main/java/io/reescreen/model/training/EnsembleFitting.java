package io.reescreen.model.training;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.ensemble.TrainingData;
import io.reescreen.model.ensemble.TrainingPlan;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.predict.TrainingDomain;

/**
 * Trains a screening model from scratch on labelled rows: scalers and the training domain are fitted on
 * exactly the rows the networks see, so nothing about held-out rows leaks into the model.
 */
public final class EnsembleFitting {

    private EnsembleFitting() {
    }

    /** The caller owns (and closes) the returned model. */
    public static ScreeningModel fit(Dataset train, TrainingRecipe recipe, EnsembleTrainer.Progress progress) {
        return fit(train.inputsMolPct(recipe.features()), train.targetsPpmMol(), recipe, progress);
    }

    /**
     * @param inputsMolPct  [row][feature] in mol %, features in {@code recipe.features()} order
     * @param targetsPpmMol [row][17 targets] in ppm mol, total REE first
     */
    public static ScreeningModel fit(double[][] inputsMolPct, double[][] targetsPpmMol, TrainingRecipe recipe,
                                     EnsembleTrainer.Progress progress) {
        if (inputsMolPct.length < 2) {
            throw new IllegalArgumentException("training needs at least 2 labelled rows, got " + inputsMolPct.length);
        }
        StandardScaler xs = StandardScaler.fit(inputsMolPct);
        StandardScaler ys = StandardScaler.fit(targetsPpmMol);
        NetworkShape shape = NetworkShape.paper(recipe.members(), recipe.features().size());
        BatchedEnsemble ensemble = BatchedEnsemble.load(EnsembleWeights.initial(shape, recipe.settings().seed()));
        try {
            EnsembleTrainer.train(ensemble, TrainingData.of(inputsMolPct, targetsPpmMol, xs, ys,
                    recipe.settings().inputNoiseRelative()), recipe.settings(), TrainingPlan.full(), progress);
            return new ScreeningModel(recipe.features(), xs, ys, TrainingDomain.fit(inputsMolPct), ensemble);
        } catch (RuntimeException e) {
            ensemble.close();
            throw e;
        }
    }
}
