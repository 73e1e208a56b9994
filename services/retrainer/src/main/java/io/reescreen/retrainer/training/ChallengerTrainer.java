package io.reescreen.retrainer.training;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.predict.IntervalCalibration;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.training.ModelTraining;
import io.reescreen.model.training.TrainedModel;
import io.reescreen.model.transfer.SiteTransfer;
import io.reescreen.model.transfer.TransferSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Makes a challenger from examples: transfer below the full-retraining size, training from scratch above it. */
public final class ChallengerTrainer {

    private final RetrainingSettings settings;

    public ChallengerTrainer(RetrainingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public boolean transfers(int examples) {
        return examples < settings.fullRetrainMinExamples();
    }

    /** The challenger to publish, trained on every example. */
    public Challenger train(ModelArtifact champion, Dataset examples) {
        if (examples.size() < settings.minExamples()) {
            throw new IllegalArgumentException(examples.size() + " examples; a challenger needs at least "
                    + settings.minExamples());
        }
        return train(champion, examples, transfers(examples.size()));
    }

    /**
     * Full retraining's challenger, whatever the number of examples: trained from scratch on every example, its
     * intervals widened by the residual {@code heldOut} calls for (rows that models of the same recipe did not learn
     * from: the gate's site-stratified hold-outs), so they include the model's out-of-sample error.
     */
    public Challenger trainFromScratch(Dataset examples, IntervalCalibration heldOut) {
        Challenger plain = train(null, examples, false);
        double residual = heldOut.residualLogSd();
        Map<String, String> summary = new LinkedHashMap<>(plain.summary());
        summary.put("residual", "calibrated on " + heldOut.rows() + " held-out rows of the gate (split by site)");
        summary.put("residual_log_sd_ratio", Double.toString(residual));
        // Same networks with the residual term; the first wrapper is dropped, not closed (it owns nothing else).
        return new Challenger(plain.model().sharingEnsembleWithLogResidual(residual), plain.method(), summary);
    }

    /**
     * A challenger by the given method, whatever the number of examples: the gate trains on part of the examples
     * with the method the whole set calls for, so it judges the model that would be published.
     */
    Challenger train(ModelArtifact champion, Dataset examples, boolean transfer) {
        return train(champion, examples, transfer, settings.transfer());
    }

    /**
     * What the gate scores: the same challenger without the cross-validated residual, which only widens intervals
     * (the gate compares point predictions, identical either way) and costs a transfer per fold.
     */
    Challenger trainForGate(ModelArtifact champion, Dataset examples, boolean transfer) {
        return train(champion, examples, transfer, settings.transfer().withResidualFolds(0));
    }

    private Challenger train(ModelArtifact champion, Dataset examples, boolean transfer, TransferSettings t) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("examples", Integer.toString(examples.size()));
        if (transfer) {
            ScreeningModel model = SiteTransfer.transfer(champion, examples.inputsMolPct(champion.features()),
                    examples.targetsPpmMol(), t, EnsembleTrainer.Progress.NONE);
            summary.put("method", "transfer");
            summary.put("transfer.epochs", Integer.toString(t.epochs()));
            summary.put("transfer.learning_rate", Float.toString(t.learningRate()));
            summary.put("transfer.l2sp_strength", Float.toString(t.anchorStrength()));
            summary.put("transfer.input_noise_relative", Double.toString(t.inputNoiseRelative()));
            summary.put("transfer.residual_folds", Integer.toString(t.residualFolds()));
            summary.put("transfer.seed", Long.toString(t.seed()));
            return new Challenger(model, "transfer", summary);
        }
        TrainedModel trained = new ModelTraining(settings.full(), PredictionSettings.defaults(), Clock.systemUTC())
                .trainOnAllRows(examples, EnsembleTrainer.Progress.NONE);
        summary.putAll(trained.artifact().trainingSummary());
        summary.put("method", "full");
        return new Challenger(trained.model(), "full", summary);
    }
}
