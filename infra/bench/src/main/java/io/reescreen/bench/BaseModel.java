package io.reescreen.bench;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.training.ModelTraining;
import io.reescreen.model.training.TrainedModel;
import io.reescreen.model.training.TrainingRecipe;

import java.time.Clock;

/**
 * The base model every transfer benchmark starts from: the paper's recipe (30 members, 500 epochs, its fixed seed)
 * on all rows of the teacher-labelled 99-row stand-in. One definition, so the model benchmark and the retrainer
 * benchmark transfer from the same network.
 */
public final class BaseModel {

    /** Folds of the cross-validation that sets the base model's interval residual (see {@code IntervalCalibration}). */
    public static final int RESIDUAL_FOLDS = 5;

    /** For reports: what the base model is. */
    public static final String DESCRIPTION = "30 members, 500 epochs (the paper's recipe, `TrainingRecipe.paper()`), "
            + "all 99 rows of `" + BenchData.TEACHER + "` (labels are the authors' ensemble's predictions, not lab values); "
            + "its intervals' residual term from a " + RESIDUAL_FOLDS + "-fold cross-validation on those rows";

    private BaseModel() {
    }

    /**
     * Trains it; blocks for the training and the cross-validation's (six trainings, a minute on a laptop CPU). The
     * caller closes the result.
     */
    public static TrainedModel train(Dataset teacher, PredictionSettings prediction) {
        return new ModelTraining(TrainingRecipe.paper(), prediction, Clock.systemUTC())
                .trainOnAllRowsCrossValidated(teacher, RESIDUAL_FOLDS, EnsembleTrainer.Progress.NONE);
    }
}
