package io.reescreen.model.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.Parameter;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.IntervalCalibration;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.units.FeatureSet;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@link SiteTransfer} anchors and what it leaves free, and its cross-validated residual term. */
class SiteTransferAnchorAndResidualTest {

    private static ModelArtifact base;
    private static double[][] siteX;
    private static double[][] siteY;

    @BeforeAll
    static void trainBaseAndMakeASite() {
        Dataset home = new SyntheticAshGenerator(SyntheticSpec.withSeed(51)).generate(40);
        TrainingRecipe recipe = new TrainingRecipe(FeatureSet.PAPER_SIX, 2, new TrainingSettings(30, 20, 5e-3f, 1e-2f, 0.03, 6L));
        try (ScreeningModel model = EnsembleFitting.fit(home, recipe, EnsembleTrainer.Progress.NONE)) {
            base = ModelArtifact.of(model, Map.of(), Map.of());
        }
        Dataset site = new SyntheticAshGenerator(SyntheticSpec.withSeed(52).withSiteBias(1.4)).generate(8);
        siteX = site.inputsMolPct(FeatureSet.PAPER_SIX);
        siteY = site.targetsPpmMol();
    }

    @Test
    void aHugeAnchorHoldsTheOutputWeightsButNotTheOutputBias() {
        // The default 150 epochs: Adam's steps do not scale with the gradient, so even an infinitely stiff anchor
        // lets W3 take a first step of about the learning rate and then ring down (~3e-4 after 60 steps, ~1e-6
        // after 150). A hard pin is not what L2-SP gives; a pull that makes W3 end where it started is.
        TransferSettings pinned = TransferSettings.defaults().withResidualFolds(0).withAnchorStrength(1e6f);
        TransferSettings loose = pinned.withAnchorStrength(1f);
        float[] w3 = base.weights().get(Parameter.W3);
        float[] b3 = base.weights().get(Parameter.B3);
        double pinnedW3Change;
        try (ScreeningModel model = SiteTransfer.transfer(base, siteX, siteY, pinned, EnsembleTrainer.Progress.NONE)) {
            pinnedW3Change = maxAbsDifference(w3, model.ensemble().weights().get(Parameter.W3));
            assertTrue(pinnedW3Change < 1e-4, "W3 is anchored: max change " + pinnedW3Change);
            // Every output of every member learns the site's richer REE through its free bias.
            float[] adaptedB3 = model.ensemble().weights().get(Parameter.B3);
            for (int i = 0; i < b3.length; i++) {
                assertTrue(adaptedB3[i] - b3[i] > 0.05, "B3[" + i + "] moves up: " + b3[i] + " -> " + adaptedB3[i]);
            }
            try (ScreeningModel before = base.load()) {
                double errorBefore = meanAbsErrorOfTotal(before);
                double errorAfter = meanAbsErrorOfTotal(model);
                assertTrue(errorAfter < 0.8 * errorBefore, "bias alone closes much of the gap: " + errorBefore + " -> " + errorAfter);
            }
        }
        try (ScreeningModel model = SiteTransfer.transfer(base, siteX, siteY, loose, EnsembleTrainer.Progress.NONE)) {
            double looseW3Change = maxAbsDifference(w3, model.ensemble().weights().get(Parameter.W3));
            assertTrue(looseW3Change > 100 * pinnedW3Change,
                    "it is the anchor that holds W3: change " + looseW3Change + " at strength 1 vs " + pinnedW3Change);
        }
    }

    @Test
    void noResidualFoldsOrTooFewLotsServeNoResidual() {
        TransferSettings quick = TransferSettings.defaults().withEpochs(10);
        try (ScreeningModel off = SiteTransfer.transfer(base, siteX, siteY, quick.withResidualFolds(0), EnsembleTrainer.Progress.NONE)) {
            assertEquals(0.0, off.residualRelativeSd());
            assertEquals(0.0, off.residualLogSd());
        }
        double[][] twoX = Arrays.copyOf(siteX, 2);
        double[][] twoY = Arrays.copyOf(siteY, 2);
        try (ScreeningModel two = SiteTransfer.transfer(base, twoX, twoY, quick, EnsembleTrainer.Progress.NONE)) {
            assertEquals(0.0, two.residualLogSd(), "two lots cannot be cross-validated");
            assertEquals(0.0, two.residualRelativeSd());
        }
    }

    @Test
    void theDefaultResidualIsTheIntervalRuleOverLeaveOneOutTransfers() {
        // Four lots and the default 10 folds: leave-one-out, so every held-out interval can be rebuilt by hand, and
        // the transfer's residual is the rule every model's intervals follow (IntervalCalibration), nothing of its own.
        int n = 4;
        double[][] x = Arrays.copyOf(siteX, n);
        double[][] y = Arrays.copyOf(siteY, n);
        TransferSettings settings = TransferSettings.defaults().withEpochs(20);
        assertTrue(settings.residualFolds() >= n);
        double served;
        try (ScreeningModel model = SiteTransfer.transfer(base, x, y, settings, EnsembleTrainer.Progress.NONE)) {
            served = model.residualLogSd();
            assertEquals(0.0, model.residualRelativeSd(), "a new model has the log-scale term only");
        }
        assertTrue(served > 0, "the 1.4x site's lots fall outside the transfers' own spread: " + served);
        assertEquals(served, SiteTransfer.crossValidatedLogSd(base, x, y, settings, PredictionSettings.defaults()), 0.0,
                "deterministic");

        IntervalCalibration byHand = new IntervalCalibration(PredictionSettings.defaults());
        for (int held = 0; held < n; held++) {
            double[][] trainX = new double[n - 1][];
            double[][] trainY = new double[n - 1][];
            for (int i = 0, k = 0; i < n; i++) {
                if (i != held) {
                    trainX[k] = x[i];
                    trainY[k++] = y[i];
                }
            }
            try (ScreeningModel without = SiteTransfer.transfer(base, trainX, trainY, settings.withResidualFolds(0),
                    EnsembleTrainer.Progress.NONE)) {
                byHand.add(without, new double[][] {x[held]}, new double[] {y[held][0]});
            }
        }
        assertEquals(byHand.residualLogSd(), served, 0.0);
    }

    @Test
    void kFoldCrossValidationIsSeeded() {
        TransferSettings twoFolds = TransferSettings.defaults().withEpochs(10).withResidualFolds(2);
        double a = SiteTransfer.crossValidatedLogSd(base, siteX, siteY, twoFolds, PredictionSettings.defaults());
        double b = SiteTransfer.crossValidatedLogSd(base, siteX, siteY, twoFolds, PredictionSettings.defaults());
        assertTrue(a >= 0 && Double.isFinite(a), "residual " + a);
        assertEquals(a, b, 0.0);
    }

    /**
     * Regression: with 3 lots and 2 folds one fold once held 2 lots out and trained on the single lot left, which
     * TrainingData refuses (BatchNorm needs 2 rows). 3 lots are enough to transfer and to cross-validate leave-one-out.
     */
    @Test
    void threeLotsWithTwoResidualFoldsStillTransfer() {
        double[][] x = Arrays.copyOf(siteX, 3);
        double[][] y = Arrays.copyOf(siteY, 3);
        TransferSettings twoFolds = TransferSettings.defaults().withEpochs(10).withResidualFolds(2);
        try (ScreeningModel model = SiteTransfer.transfer(base, x, y, twoFolds, EnsembleTrainer.Progress.NONE)) {
            assertTrue(model.residualLogSd() >= 0 && Double.isFinite(model.residualLogSd()), "residual " + model.residualLogSd());
        }
    }

    @Test
    void tooFewOrMismatchedLotsAreRefused() {
        TransferSettings s = TransferSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> SiteTransfer.transfer(base, Arrays.copyOf(siteX, 1),
                Arrays.copyOf(siteY, 1), s, EnsembleTrainer.Progress.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SiteTransfer.transfer(base,
                Arrays.copyOf(siteX, 3), Arrays.copyOf(siteY, 2), s, EnsembleTrainer.Progress.NONE));
        assertTrue(e.getMessage().contains("3 lots but 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withResidualFolds(1), "one fold cannot hold anything out");
        assertThrows(IllegalArgumentException.class, () -> s.withResidualFolds(-1));
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double meanAbsErrorOfTotal(ScreeningModel model) {
        double[][] p = model.pointPredictions(siteX);
        double sum = 0;
        for (int i = 0; i < siteX.length; i++) {
            sum += Math.abs(p[i][0] - siteY[i][0]) / siteX.length;
        }
        return sum;
    }
}
