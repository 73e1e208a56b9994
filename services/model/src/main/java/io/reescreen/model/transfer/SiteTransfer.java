package io.reescreen.model.transfer;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.Parameter;
import io.reescreen.model.ensemble.TrainingData;
import io.reescreen.model.ensemble.TrainingPlan;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Transfer learning to a new site, the paper's recipe: keep everything the base model learnt about
 * compositions (hidden layers and BatchNorm statistics, frozen bit for bit) and retrain only the output
 * layer of every member on the site's labelled lots. Inputs and targets go through the base model's
 * scalers, so the transferred model speaks the same units.
 *
 * <p>The output weights are pulled toward the pretrained ones (L2-SP); the output bias is not, because a
 * site's systematic offset is exactly what it must learn. The transferred model's error on lots it did not
 * learn from is measured by cross-validation and widens its intervals.
 */
public final class SiteTransfer {

    /** Relative errors are taken against at least this, so a near-zero prediction cannot blow the residual up. */
    static final double MIN_PREDICTION_PPM_MOL = 1.0;

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
        if (siteInputsMolPct.length != siteTargetsPpmMol.length) {
            throw new IllegalArgumentException(siteInputsMolPct.length + " lots but " + siteTargetsPpmMol.length + " lab results");
        }
        double residual = settings.residualFolds() >= 2 && siteInputsMolPct.length >= 3
                ? crossValidatedRelativeSd(base, siteInputsMolPct, siteTargetsPpmMol, settings)
                : 0;
        ScreeningModel fitted = fitOutputLayer(base, siteInputsMolPct, siteTargetsPpmMol, settings, progress);
        // Same networks, with the residual term; the first wrapper is dropped, not closed (it owns nothing else).
        return fitted.sharingEnsembleWithResidual(residual);
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
     * Root mean square of (truth - prediction) / prediction of total REE over the site's lots, each predicted by
     * a transfer that did not see it (leave-one-out up to {@code residualFolds} lots, k-fold beyond).
     */
    static double crossValidatedRelativeSd(ModelArtifact base, double[][] x, double[][] y, TransferSettings settings) {
        int n = x.length;
        int folds = Math.min(settings.residualFolds(), n);
        if (n - (n + folds - 1) / folds < 2) {
            // A fold would leave fewer than 2 lots to train on (BatchNorm needs 2): fall back to leave-one-out.
            folds = n;
        }
        int[] foldOf = new int[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        for (int position = 0; position < n; position++) {
            foldOf[order.get(position)] = position % folds;
        }
        double sumSquares = 0;
        for (int f = 0; f < folds; f++) {
            List<double[]> trainX = new ArrayList<>();
            List<double[]> trainY = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (foldOf[i] == f) {
                    held.add(i);
                } else {
                    trainX.add(x[i]);
                    trainY.add(y[i]);
                }
            }
            try (ScreeningModel model = fitOutputLayer(base, trainX.toArray(double[][]::new), trainY.toArray(double[][]::new),
                    settings, EnsembleTrainer.Progress.NONE)) {
                double[][] heldX = held.stream().map(i -> x[i]).toArray(double[][]::new);
                double[][] predicted = model.pointPredictions(heldX);
                for (int h = 0; h < held.size(); h++) {
                    double prediction = Math.max(predicted[h][0], MIN_PREDICTION_PPM_MOL);
                    double relative = (y[held.get(h)][0] - prediction) / prediction;
                    sumSquares += relative * relative;
                }
            }
        }
        return Math.sqrt(sumSquares / n);
    }
}
