package io.reescreen.model.transfer;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.Parameter;
import io.reescreen.model.ensemble.TrainingData;
import io.reescreen.model.ensemble.TrainingPlan;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.IntervalCalibration;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.split.Folds;

import java.util.Set;

/**
 * Transfer learning to a new site, the paper's recipe: keep everything the base model learnt about
 * compositions (hidden layers and BatchNorm statistics, frozen bit for bit) and retrain only the output
 * layer of every member on the site's labelled lots. Inputs and targets go through the base model's
 * scalers, so the transferred model speaks the same units.
 *
 * <p>The output weights are pulled toward the pretrained ones (L2-SP); the output bias is not, because a
 * site's systematic offset is exactly what it must learn. The transferred model's error on lots it did not
 * learn from is measured by cross-validation and widens its intervals, by the rule every model's intervals follow
 * ({@link IntervalCalibration}).
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
        return transfer(base, siteInputsMolPct, siteTargetsPpmMol, settings, PredictionSettings.defaults(), progress);
    }

    /** As above; {@code prediction} is what the transferred model will serve with, so its intervals are calibrated for it. */
    public static ScreeningModel transfer(ModelArtifact base, double[][] siteInputsMolPct, double[][] siteTargetsPpmMol,
                                          TransferSettings settings, PredictionSettings prediction,
                                          EnsembleTrainer.Progress progress) {
        if (siteInputsMolPct.length < 2) {
            throw new IllegalArgumentException("transfer needs at least 2 labelled lots, got " + siteInputsMolPct.length);
        }
        if (siteInputsMolPct.length != siteTargetsPpmMol.length) {
            throw new IllegalArgumentException(siteInputsMolPct.length + " lots but " + siteTargetsPpmMol.length + " lab results");
        }
        double residual = settings.residualFolds() >= 2 && siteInputsMolPct.length >= 3
                ? crossValidatedLogSd(base, siteInputsMolPct, siteTargetsPpmMol, settings, prediction)
                : 0;
        ScreeningModel fitted = fitOutputLayer(base, siteInputsMolPct, siteTargetsPpmMol, settings, progress);
        // Same networks, with the residual term; the first wrapper is dropped, not closed (it owns nothing else).
        return fitted.sharingEnsembleWithLogResidual(residual);
    }

    private static ScreeningModel fitOutputLayer(ModelArtifact base, double[][] x, double[][] y, TransferSettings settings,
                                                 EnsembleTrainer.Progress progress) {
        TrainingData data = TrainingData.of(x, y, base.inputScaler(), base.targetScaler(), settings.inputNoiseRelative());
        TrainingPlan plan = TrainingPlan.outputLayerOnly()
                .anchoredTo(base.weights(), settings.anchorStrength(), Set.of(Parameter.W3))
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

    /**
     * The log-scale residual sd of {@link IntervalCalibration} over the site's lots, each lot's interval made by a
     * transfer that did not see it (leave-one-out up to {@code residualFolds} lots, k-fold beyond).
     */
    static double crossValidatedLogSd(ModelArtifact base, double[][] x, double[][] y, TransferSettings settings,
                                      PredictionSettings prediction) {
        int n = x.length;
        int folds = Math.min(settings.residualFolds(), n);
        if (n - (n + folds - 1) / folds < 2) {
            // A fold would leave fewer than 2 lots to train on (BatchNorm needs 2): fall back to leave-one-out.
            folds = n;
        }
        int[] foldOf = Folds.assign(n, folds, settings.seed());
        IntervalCalibration calibration = new IntervalCalibration(prediction);
        for (int f = 0; f < folds; f++) {
            int[] train = Folds.rows(foldOf, f, false);
            int[] held = Folds.rows(foldOf, f, true);
            try (ScreeningModel model = fitOutputLayer(base, pick(x, train), pick(y, train), settings,
                    EnsembleTrainer.Progress.NONE)) {
                calibration.add(model, pick(x, held), java.util.Arrays.stream(held).mapToDouble(i -> y[i][0]).toArray());
            }
        }
        return calibration.residualLogSd();
    }

    private static double[][] pick(double[][] rows, int[] indices) {
        return java.util.Arrays.stream(indices).mapToObj(i -> rows[i]).toArray(double[][]::new);
    }
}
