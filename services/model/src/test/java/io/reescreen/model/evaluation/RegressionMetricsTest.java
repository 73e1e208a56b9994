package io.reescreen.model.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionMetricsTest {

    private static final double EPS = 1e-12;

    // Hand-computed 4-row example (ppm mol):
    //   truth     100   150   200   250      mean 175
    //   predicted 110   140   210   230
    //   p - t     +10   -10   +10   -20
    //   MAE  = (10+10+10+20)/4 = 12.5
    //   SSres = 100+100+100+400 = 700          -> RMSE = sqrt(700/4) = sqrt(175)
    //   SStot = 75²+25²+25²+75² = 12500        -> R²   = 1 - 700/12500 = 0.944
    //   MAPE = (10/100 + 10/150 + 10/200 + 20/250)/4 × 100 = (89/300)/4 × 100 = 89/12 %
    //   MAE/mean = 12.5/175 × 100 = 50/7 %
    private static final double[] TRUTH = {100, 150, 200, 250};
    private static final double[] PREDICTED = {110, 140, 210, 230};

    @Test
    void handComputedFourRows() {
        assertEquals(0.944, RegressionMetrics.r2(TRUTH, PREDICTED), EPS);
        assertEquals(12.5, RegressionMetrics.mae(TRUTH, PREDICTED), EPS);
        assertEquals(Math.sqrt(175), RegressionMetrics.rmse(TRUTH, PREDICTED), EPS);
        assertEquals(89.0 / 12, RegressionMetrics.mapePct(TRUTH, PREDICTED), EPS);
        assertEquals(50.0 / 7, RegressionMetrics.maeOverMeanPct(TRUTH, PREDICTED), EPS);
    }

    @Test
    void theTwoMapesDiffer() {
        // The paper's "MAPE" (MAE / mean) is not the textbook MAPE; a report must not mix them up.
        assertTrue(Math.abs(RegressionMetrics.mapePct(TRUTH, PREDICTED)
                - RegressionMetrics.maeOverMeanPct(TRUTH, PREDICTED)) > 0.2);
    }

    @Test
    void r2OfPerfectPredictionIsOneAndOfTheMeanIsZero() {
        assertEquals(1.0, RegressionMetrics.r2(TRUTH, TRUTH.clone()), EPS);
        assertEquals(0.0, RegressionMetrics.r2(TRUTH, new double[] {175, 175, 175, 175}), EPS);
    }

    @Test
    void r2CanBeNegative() {
        // Reversed: SSres = 150²+50²+50²+150² = 50000 = 4 × SStot -> R² = -3.
        assertEquals(-3.0, RegressionMetrics.r2(TRUTH, new double[] {250, 200, 150, 100}), EPS);
    }

    @Test
    void r2EdgeCasesFollowSklearn() {
        assertTrue(Double.isNaN(RegressionMetrics.r2(new double[] {5}, new double[] {5})), "one sample");
        assertEquals(1.0, RegressionMetrics.r2(new double[] {3, 3}, new double[] {3, 3}), EPS);
        assertEquals(0.0, RegressionMetrics.r2(new double[] {3, 3}, new double[] {3, 4}), EPS);
    }

    @Test
    void perfectPredictionHasZeroErrors() {
        assertEquals(0.0, RegressionMetrics.mae(TRUTH, TRUTH), 0);
        assertEquals(0.0, RegressionMetrics.rmse(TRUTH, TRUTH), 0);
        assertEquals(0.0, RegressionMetrics.mapePct(TRUTH, TRUTH), 0);
        assertEquals(0.0, RegressionMetrics.maeOverMeanPct(TRUTH, TRUTH), 0);
    }

    @Test
    void mapeUsesAbsoluteTruth() {
        // |(-8) - (-10)| / |-10| = 20 %
        assertEquals(20.0, RegressionMetrics.mapePct(new double[] {-10}, new double[] {-8}), EPS);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.r2(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.mae(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.rmse(null, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.maeOverMeanPct(new double[] {1}, new double[] {1, 2}));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.mapePct(new double[] {100, 0}, new double[] {100, 1}));
        assertTrue(zero.getMessage().contains("truth[1]"), zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RegressionMetrics.maeOverMeanPct(new double[] {-1, 1}, new double[] {0, 0}));
    }
}
