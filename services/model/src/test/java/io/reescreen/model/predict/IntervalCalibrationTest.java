package io.reescreen.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.Gaussian;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.units.FeatureSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The interval rule on a case with known noise: the lab value is the model's own point prediction times
 * exp(0.3 z), an error the ensemble cannot see in itself, so its own intervals are far too narrow.
 */
class IntervalCalibrationTest {

    private static final PredictionSettings SETTINGS = PredictionSettings.defaults();
    private static final double TRUE_LOG_SD = 0.3;
    private static ScreeningModel model;
    private static double[][] calibrationX;
    private static double[] calibrationTruth;
    private static double[][] testX;
    private static double[] testTruth;

    @BeforeAll
    static void trainAnOverConfidentModelAndDrawLabValues() {
        TrainingRecipe recipe = new TrainingRecipe(FeatureSet.PAPER_SIX, 3, new TrainingSettings(30, 20, 5e-3f, 1e-2f, 0.03, 8L));
        model = EnsembleFitting.fit(new SyntheticAshGenerator(SyntheticSpec.withSeed(21)).generate(40), recipe,
                EnsembleTrainer.Progress.NONE);
        calibrationX = new SyntheticAshGenerator(SyntheticSpec.withSeed(22)).generate(200).inputsMolPct(FeatureSet.PAPER_SIX);
        testX = new SyntheticAshGenerator(SyntheticSpec.withSeed(23)).generate(400).inputsMolPct(FeatureSet.PAPER_SIX);
        calibrationTruth = labValues(calibrationX, 1);
        testTruth = labValues(testX, 2);
    }

    private static double[] labValues(double[][] x, long seed) {
        double[][] points = model.pointPredictions(x);
        SplittableRandom random = new SplittableRandom(seed);
        double[] truth = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            truth[i] = points[i][0] * Math.exp(TRUE_LOG_SD * Gaussian.draw(random));
        }
        return truth;
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Share of {@code truth} inside the served 5–95 % intervals of total REE. */
    private static double servedCoverage(ScreeningModel served, double[][] x, double[] truth) {
        List<LotPrediction> predictions = served.predictBatch(x, null, SETTINGS);
        int inside = 0;
        for (int i = 0; i < x.length; i++) {
            TargetEstimate t = predictions.get(i).total();
            inside += truth[i] >= t.p05PpmMol() && truth[i] <= t.p95PpmMol() ? 1 : 0;
        }
        return inside / (double) x.length;
    }

    @Test
    void anOverConfidentEnsembleGetsWiderIntervalsThatCoverNinetyPercentOfNewLabValues() {
        double ensembleOnly = servedCoverage(model, testX, testTruth);
        assertTrue(ensembleOnly < 0.5, "the ensemble alone is over-confident: coverage " + ensembleOnly);

        double logSd = new IntervalCalibration(SETTINGS).add(model, calibrationX, calibrationTruth).residualLogSd();
        // The ensemble's own spread already holds part of the 0.3: the term it adds is at most the truth's noise.
        assertTrue(logSd > 0.5 * TRUE_LOG_SD && logSd < 1.15 * TRUE_LOG_SD, "residual log sd " + logSd);
        double calibrated = servedCoverage(model.sharingEnsembleWithLogResidual(logSd), testX, testTruth);
        // 200 calibration and 400 test rows: the test coverage has an sd of about sqrt(0.09/200 + 0.09/400) = 0.026;
        // 0.08 is three of them. The draws are seeded: this is one fixed case, not a flaky one.
        assertEquals(0.90, calibrated, 0.08, "coverage of 400 new lab values");
    }

    @Test
    void theResidualIsTheSmallestThatHoldsTheFiniteSampleShareOfTheHeldOutRows() {
        IntervalCalibration calibration = new IntervalCalibration(SETTINGS).add(model, calibrationX, calibrationTruth);
        double logSd = calibration.residualLogSd();
        // 200 rows: the ceil(0.9 x 201) = 181st score, so 181 of the 200 rows inside, and one fewer just below it.
        assertEquals(181 / 200.0, calibration.coverage(logSd), 0.0, "coverage at the rule's sd");
        assertTrue(calibration.coverage(0.99 * logSd) <= 180 / 200.0, "a narrower interval holds fewer: "
                + calibration.coverage(0.99 * logSd));
        // What the rule computes is what the model serves with that sd, row for row.
        assertEquals(calibration.coverage(logSd),
                servedCoverage(model.sharingEnsembleWithLogResidual(logSd), calibrationX, calibrationTruth), 0.0);
    }

    @Test
    void anEnsembleThatAlreadyCoversItsLabValuesIsNotWidened() {
        double[][] points = model.pointPredictions(calibrationX);
        double[] truthAtThePoint = new double[calibrationX.length];
        for (int i = 0; i < truthAtThePoint.length; i++) {
            truthAtThePoint[i] = points[i][0];
        }
        assertEquals(0.0, new IntervalCalibration(SETTINGS).add(model, calibrationX, truthAtThePoint).residualLogSd());
        assertEquals(0.0, new IntervalCalibration(SETTINGS).residualLogSd(), "no rows, no term");
    }

    @Test
    void theTermWidensTheIntervalsAndPHighButLeavesTheMeanAndTheAttributionsAlone() {
        double[] lot = calibrationX[0];
        LotPrediction narrow = model.predict(lot, null, SETTINGS);
        LotPrediction wide = model.sharingEnsembleWithLogResidual(0.3).predict(lot, null, SETTINGS);
        assertTrue(wide.total().p05PpmMol() < narrow.total().p05PpmMol() && wide.total().p95PpmMol() > narrow.total().p95PpmMol());
        assertEquals(narrow.total().meanPpmMol(), wide.total().meanPpmMol(), 0.0);
        assertEquals(narrow.pointTotalReePpmMol(), wide.pointTotalReePpmMol(), 0.0);
        assertArrayEquals(narrow.attributionsPpmMol(), wide.attributionsPpmMol(), 0.0);
        assertEquals(narrow.attributionBaselinePpmMol(), wide.attributionBaselinePpmMol(), 0.0);
    }

    @Test
    void aModelHasOneResidualTermAndLabValuesMustBeNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new ScreeningModel(model.features(), model.inputScaler(),
                model.targetScaler(), model.domain(), model.ensemble(), 0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> model.sharingEnsembleWithLogResidual(-0.1));
        IntervalCalibration calibration = new IntervalCalibration(SETTINGS);
        assertThrows(IllegalArgumentException.class, () -> calibration.add(model, new double[][] {calibrationX[0]},
                new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> calibration.add(model, new double[][] {calibrationX[0]},
                new double[] {1, 2}));
    }
}
