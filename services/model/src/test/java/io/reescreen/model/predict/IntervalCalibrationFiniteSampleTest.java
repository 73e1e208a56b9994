package io.reescreen.model.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.ensemble.Gaussian;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rule's promise on rows it was not set from, on a case with known noise and no network: a model that predicts
 * 100 ppm mol with a small ensemble spread (log sd 0.02) while the lab reads 100 exp(0.3 g), g standard normal. Each
 * repetition sets the term from n such rows and asks whether one more is inside its interval; over many seeded
 * repetitions that share is the coverage a site gets from its next lot.
 */
class IntervalCalibrationFiniteSampleTest {

    private static final double POINT_PPM_MOL = 100;
    private static final double ENSEMBLE_LOG_SD = 0.02;
    private static final double LAB_LOG_SD = 0.3;
    /** Enough for the ranks (they hold whatever the draws); the Gaussian bound's next row has the served 30 x 64. */
    private static final int DRAWS = 256;
    private static final int SERVED_DRAWS = 30 * 64;
    private static final int REPETITIONS = 2000;

    /** One held-out row: the model's draws, the normals its term multiplies, and the lab value. */
    private record Row(double[] draws, double[] normals, double labPpmMol) {

        static Row draw(SplittableRandom random) {
            return draw(random, DRAWS);
        }

        static Row draw(SplittableRandom random, int count) {
            double[] draws = new double[count];
            double[] normals = new double[count];
            for (int k = 0; k < count; k++) {
                draws[k] = POINT_PPM_MOL * Math.exp(ENSEMBLE_LOG_SD * Gaussian.draw(random));
                normals[k] = Gaussian.draw(random);
            }
            return new Row(draws, normals, POINT_PPM_MOL * Math.exp(LAB_LOG_SD * Gaussian.draw(random)));
        }

        void addTo(IntervalCalibration calibration, int group) {
            calibration.addRow(draws, normals, labPpmMol, POINT_PPM_MOL, group);
        }

        /** 100 (p95 - p05) / prediction with the term at {@code logSd}. */
        double widthPct(double logSd) {
            double[] values = new double[draws.length];
            for (int k = 0; k < draws.length; k++) {
                values[k] = draws[k] * Math.exp(logSd * normals[k]);
            }
            return 100 * (OrderStatistics.quantile(values, 0.95) - OrderStatistics.quantile(values, 0.05)) / POINT_PPM_MOL;
        }
    }

    /**
     * Share of repetitions whose next row (with {@code nextDraws} draws) falls inside the interval set from {@code n}
     * rows of {@link #DRAWS} draws before it.
     */
    private static double nextRowCoverage(int n, int nextDraws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int inside = 0;
        for (int r = 0; r < REPETITIONS; r++) {
            IntervalCalibration calibration = new IntervalCalibration(PredictionSettings.defaults());
            for (int i = 0; i < n; i++) {
                Row.draw(random).addTo(calibration, i);
            }
            double logSd = calibration.residualLogSd();
            IntervalCalibration next = new IntervalCalibration(PredictionSettings.defaults());
            Row.draw(random, nextDraws).addTo(next, 0);
            inside += next.coverage(logSd) == 1.0 ? 1 : 0;
        }
        return inside / (double) REPETITIONS;
    }

    @Test
    void fromTenHeldOutRowsTheNextRowIsInsideAtLeastNinetyPercentOfTheTime() {
        // The 10th of 10 scores: exchangeable rows give 10/11 = 0.909. Over 2000 seeded repetitions the share has an
        // sd of 0.0064; 0.885 is 3.7 of them below. The rank used before (the 9th) gives 9/11 = 0.818, 14 below.
        double coverage = nextRowCoverage(10, DRAWS, 11);
        assertTrue(coverage >= 0.885 && coverage <= 0.935, "coverage of the next row " + coverage);
    }

    @Test
    void fromSixHeldOutRowsTheGaussianBoundHoldsTheNextRowNinetyPercentOfTheTime() {
        // Six rows have no 90 % rank (the 7th of 6): t(6) / 1.645 times their rms log error. For Gaussian log errors
        // a new one is within t(6) rms with probability 0.90 exactly; the ensemble's spread widens it a little.
        // sd of the share 0.0067; the band is 0.90 -0.025 / +0.035.
        double coverage = nextRowCoverage(6, SERVED_DRAWS, 6);
        assertTrue(coverage >= 0.875 && coverage <= 0.935, "coverage of the next row " + coverage);
    }

    @Test
    void ranksAreUsedFromNineRowsOnAndTheGaussianBoundBelow() {
        assertFalse(IntervalCalibration.ranksSuffice(8), "ceil(0.9 x 9) = 9 > 8");
        assertTrue(IntervalCalibration.ranksSuffice(9), "ceil(0.9 x 10) = 9");
        assertEquals(1.0, IntervalCalibration.conformal(new double[] {1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}), 0.0,
                "the 10th of 10 (ceil(0.9 x 11) = 10), not the 9th (ceil(0.9 x 10))");
        assertEquals(0.9, IntervalCalibration.conformal(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}), 0.0,
                "the 9th of 9: the largest");
        // Four log errors of 0.1 in size: t(4) = 2.1318 over 1.645 times rms 0.1.
        assertEquals(2.131846786 / 1.6448536269514722 * 0.1,
                IntervalCalibration.gaussianBound(new double[] {0.1, -0.1, 0.1, -0.1}), 1e-12);
        assertEquals(IntervalCalibration.MAX_LOG_SD, IntervalCalibration.gaussianBound(new double[] {Double.POSITIVE_INFINITY}),
                "a lab value of 0 has no log error: the term's cap");
        assertEquals(0.0, IntervalCalibration.gaussianBound(new double[0]));
    }

    @Test
    void theHeldOutCheckScoresEachFoldAtTheTermTheOtherFoldsGive() {
        SplittableRandom random = new SplittableRandom(3);
        int folds = 3;
        Row[] rows = new Row[14];
        IntervalCalibration all = new IntervalCalibration(PredictionSettings.defaults());
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Row.draw(random);
            rows[i].addTo(all, i % folds);
        }
        // By hand: fold f's rows (4 or 5) at the term of the other 9 or 10 rows (ranks).
        int inside = 0;
        double widthSum = 0;
        for (int f = 0; f < folds; f++) {
            IntervalCalibration others = new IntervalCalibration(PredictionSettings.defaults());
            for (int i = 0; i < rows.length; i++) {
                if (i % folds != f) {
                    rows[i].addTo(others, 0);
                }
            }
            double logSd = others.residualLogSd();
            for (int i = f; i < rows.length; i += folds) {
                IntervalCalibration one = new IntervalCalibration(PredictionSettings.defaults());
                rows[i].addTo(one, 0);
                inside += one.coverage(logSd) == 1.0 ? 1 : 0;
                widthSum += rows[i].widthPct(logSd);
            }
        }
        IntervalCalibration.HeldOutCheck check = all.heldOutCheck().orElseThrow();
        assertEquals(14, check.rows());
        assertEquals(inside / 14.0, check.coverage90(), 0.0);
        assertEquals(widthSum / 14, check.meanWidth90Pct(), 1e-9);
        assertTrue(check.coverage90() < 1, "some rows fall outside, so the check can tell: " + check.coverage90());
        IntervalCalibration oneGroup = new IntervalCalibration(PredictionSettings.defaults());
        rows[0].addTo(oneGroup, 0);
        rows[1].addTo(oneGroup, 0);
        assertTrue(oneGroup.heldOutCheck().isEmpty(), "one group: nothing held out from the rule");
    }
}
