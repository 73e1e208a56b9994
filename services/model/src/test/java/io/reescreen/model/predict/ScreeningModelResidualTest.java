package io.reescreen.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.units.FeatureSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The residual term: out-of-sample error that widens intervals and P(high) around the ensemble's own mean. */
class ScreeningModelResidualTest {

    private static final PredictionSettings SETTINGS = PredictionSettings.defaults();
    private static ScreeningModel model;
    private static double[][] lots;

    @BeforeAll
    static void trainSmallModel() {
        Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(13)).generate(40);
        TrainingRecipe recipe = new TrainingRecipe(FeatureSet.PAPER_SIX, 3, new TrainingSettings(30, 20, 5e-3f, 1e-2f, 0.03, 8L));
        model = EnsembleFitting.fit(data, recipe, EnsembleTrainer.Progress.NONE);
        lots = data.inputsMolPct(FeatureSet.PAPER_SIX);
    }

    @AfterAll
    static void close() {
        model.close(); // frees the ensemble every sharing model below uses
    }

    @Test
    void aZeroResidualPredictsExactlyAsTheModelWithout() {
        assertEquals(0.0, model.residualRelativeSd(), "the five-argument constructor has no residual term");
        ScreeningModel explicitZero = new ScreeningModel(model.features(), model.inputScaler(), model.targetScaler(),
                model.domain(), model.ensemble(), 0);
        ScreeningModel sharedZero = model.sharingEnsembleWithResidual(0.2).sharingEnsembleWithResidual(0);
        double[][] three = {lots[0], lots[1], lots[2]};
        List<LotPrediction> expected = model.predictBatch(three, null, SETTINGS);
        for (ScreeningModel other : List.of(explicitZero, sharedZero)) {
            List<LotPrediction> actual = other.predictBatch(three, null, SETTINGS);
            for (int i = 0; i < three.length; i++) {
                assertEquals(expected.get(i).targets(), actual.get(i).targets());
                assertEquals(expected.get(i).probTotalAtOrAboveThreshold(), actual.get(i).probTotalAtOrAboveThreshold());
                assertArrayEquals(expected.get(i).attributionsPpmMol(), actual.get(i).attributionsPpmMol());
            }
        }
    }

    @Test
    void aLargerResidualWidensEveryIntervalAroundTheSameMean() {
        double[] lot = lots[5];
        LotPrediction none = model.predict(lot, null, SETTINGS);
        LotPrediction some = model.sharingEnsembleWithResidual(0.1).predict(lot, null, SETTINGS);
        LotPrediction more = model.sharingEnsembleWithResidual(0.3).predict(lot, null, SETTINGS);
        for (int j = 0; j < none.targets().size(); j++) {
            TargetEstimate a = none.targets().get(j);
            TargetEstimate b = some.targets().get(j);
            TargetEstimate c = more.targets().get(j);
            assertEquals(a.meanPpmMol(), b.meanPpmMol(), 0.0, "the mean is the ensemble's: " + a.target());
            assertEquals(a.meanPpmMol(), c.meanPpmMol(), 0.0);
            assertTrue(width(a) < width(b) && width(b) < width(c), a + " / " + b + " / " + c);
            assertTrue(a.stdPpmMol() < c.stdPpmMol(), a + " / " + c);
        }
        assertEquals(none.pointTotalReePpmMol(), more.pointTotalReePpmMol(), 0.0);
        assertArrayEquals(none.attributionsPpmMol(), more.attributionsPpmMol(), "attributions are of the mean, untouched");
        assertEquals(none.domainDistanceMahalanobis(), more.domainDistanceMahalanobis(), 0.0);
    }

    @Test
    void theResidualPullsACloseCallTowardEvenOdds() {
        double[] lot = lots[9];
        TargetEstimate total = model.predict(lot, null, SETTINGS).total();
        // Just above the ensemble's 95th percentile: the ensemble alone is nearly sure the lot is low ...
        PredictionSettings justAbove = SETTINGS.withThreshold(total.p95PpmMol() * 1.01);
        double sure = model.predict(lot, null, justAbove).probTotalAtOrAboveThreshold();
        double unsure = model.sharingEnsembleWithResidual(0.25).predict(lot, null, justAbove).probTotalAtOrAboveThreshold();
        assertTrue(sure <= 0.05, "P(high) " + sure);
        assertTrue(Math.abs(unsure - 0.5) < Math.abs(sure - 0.5) && unsure > 0.1, sure + " -> " + unsure);
        // ... and just below its 5th percentile, nearly sure it is high.
        PredictionSettings justBelow = SETTINGS.withThreshold(total.p05PpmMol() * 0.99);
        double sureHigh = model.predict(lot, null, justBelow).probTotalAtOrAboveThreshold();
        double unsureHigh = model.sharingEnsembleWithResidual(0.25).predict(lot, null, justBelow).probTotalAtOrAboveThreshold();
        assertTrue(sureHigh >= 0.95, "P(high) " + sureHigh);
        assertTrue(Math.abs(unsureHigh - 0.5) < Math.abs(sureHigh - 0.5) && unsureHigh < 0.9, sureHigh + " -> " + unsureHigh);
    }

    @Test
    void withoutInputNoiseALotsResidualIntervalDoesNotDependOnItsBatch() {
        // The residual draws are seeded by the lot itself. With no input noise, nothing else in the interval varies.
        PredictionSettings noNoise = new PredictionSettings(32, 157.0, 0.0, 99L);
        ScreeningModel wide = model.sharingEnsembleWithResidual(0.2);
        TargetEstimate alone = wide.predict(lots[4], null, noNoise).total();
        TargetEstimate inBatch = wide.predictBatch(new double[][] {lots[3], lots[4]}, null, noNoise).get(1).total();
        assertEquals(alone.p05PpmMol(), inBatch.p05PpmMol(), 1e-4 * alone.p05PpmMol());
        assertEquals(alone.p95PpmMol(), inBatch.p95PpmMol(), 1e-4 * alone.p95PpmMol());
        assertTrue(width(alone) > 0, "the residual alone gives a spread: " + alone);
    }

    @Test
    void sharingKeepsTheNetworksAndOnlyChangesTheResidual() {
        ScreeningModel shared = model.sharingEnsembleWithResidual(0.15);
        assertSame(model.ensemble(), shared.ensemble());
        assertSame(model.inputScaler(), shared.inputScaler());
        assertEquals(0.15, shared.residualRelativeSd());
        assertEquals(0.0, model.residualRelativeSd(), "the original is unchanged");
    }

    @Test
    void aNegativeOrNonFiniteResidualIsRefused() {
        for (double bad : new double[] {-0.01, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.sharingEnsembleWithResidual(bad), "residual " + bad);
            assertTrue(e.getMessage().contains("residual"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new ScreeningModel(model.features(), model.inputScaler(),
                    model.targetScaler(), model.domain(), model.ensemble(), bad));
        }
    }

    private static double width(TargetEstimate t) {
        return t.p95PpmMol() - t.p05PpmMol();
    }
}
