package io.reescreen.model.transfer;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingData;
import io.reescreen.model.ensemble.TrainingPlan;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;

/**
 * Transfer learning to a new site, the paper's recipe: keep everything the base model learnt about
 * compositions (hidden layers and BatchNorm statistics, frozen bit for bit) and retrain only the output
 * layer of every member on the site's labelled lots. Inputs and targets go through the base model's
 * scalers, so the transferred model speaks the same units.
 */
public final class SiteTransfer {

    private SiteTransfer() {
    }

    /**
     * @param siteInputsMolPct   the site's lots, model features in mol %
     * @param siteTargetsPpmMol  their lab values, 17 targets in ppm mol (total first)
     * @return a new model (the caller closes it); the base artifact is untouched
     */
    public static ScreeningModel transfer(ModelArtifact base, double[][] siteInputsMolPct, double[][] siteTargetsPpmMol,
                                          TransferSettings settings, EnsembleTrainer.Progress progress) {
        if (siteInputsMolPct.length < 2) {
            throw new IllegalArgumentException("transfer needs at least 2 labelled lots, got " + siteInputsMolPct.length);
        }
        TrainingData data = TrainingData.of(siteInputsMolPct, siteTargetsPpmMol, base.inputScaler(), base.targetScaler(),
                settings.inputNoiseRelative());
        TrainingPlan plan = TrainingPlan.outputLayerOnly()
                .anchoredTo(base.weights(), settings.anchorStrength())
                .withAsymmetry(settings.asymmetry(), settings.asymmetryFactor());
        // Weight decay toward zero is off: the L2-SP anchor regularises toward the pretrained layer instead.
        TrainingSettings training = new TrainingSettings(settings.epochs(), Math.max(2, Math.min(10, data.rows())),
                settings.learningRate(), 0f, settings.inputNoiseRelative(), settings.seed());
        BatchedEnsemble ensemble = BatchedEnsemble.load(base.weights());
        try {
            EnsembleTrainer.train(ensemble, data, training, plan, progress);
        } catch (RuntimeException e) {
            ensemble.close();
            throw e;
        }
        return new ScreeningModel(base.features(), base.inputScaler(), base.targetScaler(), base.domain(), ensemble);
    }
}
