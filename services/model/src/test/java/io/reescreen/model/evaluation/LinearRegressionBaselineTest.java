package io.reescreen.model.evaluation;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearRegressionBaselineTest {

    // The six selected oxides at Table 1's mean and std (mol %): Al2O3, Fe2O3, CaO, P2O5, TiO2, MgO.
    // Their very different spreads are what makes the scaling in the fit matter.
    private static final double[] MEAN = {14.3, 5.5, 13.7, 0.2, 1.1, 4.5};
    private static final double[] STD = {3.7, 3.0, 12.5, 0.2, 0.3, 3.0};

    // Three outputs in ppm mol (a total and two single oxides), signs as in the paper: CaO lowers REE.
    private static final double[] INTERCEPTS = {60.0, 12.0, -5.0};
    private static final double[][] SLOPES = {
        {9.0, 2.5, -3.2, 40.0, 15.0, 1.5},
        {1.8, 0.4, -0.6, 7.5, 3.0, 0.2},
        {0.9, 0.1, -0.3, 2.0, 1.2, 0.05},
    };

    private static double[][] inputs(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][MEAN.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < MEAN.length; j++) {
                x[i][j] = MEAN[j] + STD[j] * random.nextGaussian();
            }
        }
        return x;
    }

    private static double[][] outputs(double[][] x, double noiseSd, long seed) {
        Random random = new Random(seed);
        double[][] y = new double[x.length][INTERCEPTS.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < INTERCEPTS.length; k++) {
                double s = INTERCEPTS[k];
                for (int j = 0; j < MEAN.length; j++) {
                    s += SLOPES[k][j] * x[i][j];
                }
                y[i][k] = s + noiseSd * random.nextGaussian();
            }
        }
        return y;
    }

    @Test
    void recoversExactCoefficientsWithoutNoise() {
        double[][] x = inputs(99, 1);
        LinearRegressionBaseline model = LinearRegressionBaseline.fit(x, outputs(x, 0, 2));
        assertEquals(6, model.inputCount());
        assertEquals(3, model.outputCount());
        double[][] slopes = model.coefficients();
        double[] intercepts = model.intercepts();
        for (int k = 0; k < 3; k++) {
            assertEquals(INTERCEPTS[k], intercepts[k], 1e-8, "intercept " + k);
            for (int j = 0; j < 6; j++) {
                assertEquals(SLOPES[k][j], slopes[k][j], 1e-8, "slope " + k + "," + j);
            }
        }
    }

    @Test
    void closeUnderNoiseAndSatisfiesTheNormalEquations() {
        int n = 2000;
        double noise = 5.0; // ppm mol
        double[][] x = inputs(n, 3);
        double[][] y = outputs(x, noise, 4);
        LinearRegressionBaseline model = LinearRegressionBaseline.fit(x, y);
        double[][] slopes = model.coefficients();
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 6; j++) {
                // 5 standard errors of an OLS slope with independent inputs: noise / (std_x · sqrt(n)).
                double tolerance = 5 * noise / (STD[j] * Math.sqrt(n));
                assertEquals(SLOPES[k][j], slopes[k][j], tolerance, "slope " + k + "," + j);
            }
        }
        // Least squares: residuals sum to zero and are orthogonal to every input column.
        double[][] predicted = model.predict(x);
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            double[] dot = new double[6];
            for (int i = 0; i < n; i++) {
                double r = y[i][k] - predicted[i][k];
                sum += r;
                for (int j = 0; j < 6; j++) {
                    dot[j] += r * (x[i][j] - MEAN[j]);
                }
            }
            assertEquals(0, sum / n, 1e-9, "mean residual, output " + k);
            for (int j = 0; j < 6; j++) {
                assertEquals(0, dot[j] / n, 1e-6, "residual · x" + j + ", output " + k);
            }
        }
        // The residual RMSE of the total is the noise level: no under- or over-fitting.
        double[] totals = new double[n];
        double[] totalPredicted = new double[n];
        for (int i = 0; i < n; i++) {
            totals[i] = y[i][0];
            totalPredicted[i] = predicted[i][0];
        }
        assertEquals(noise, RegressionMetrics.rmse(totals, totalPredicted), 0.3);
    }

    @Test
    void batchPredictionMatchesRowPrediction() {
        double[][] x = inputs(30, 5);
        LinearRegressionBaseline model = LinearRegressionBaseline.fit(x, outputs(x, 1, 6));
        double[][] batch = model.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(model.predict(x[i]), batch[i], 0);
        }
        double[] atMeans = model.predict(MEAN);
        assertEquals(3, atMeans.length);
    }

    @Test
    void constantInputGetsZeroSlopeAndOthersAreStillRecovered() {
        double[][] x = inputs(50, 7);
        double[][] y = outputs(x, 0, 8);
        double[][] withConstant = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            withConstant[i] = new double[] {x[i][0], x[i][1], x[i][2], x[i][3], x[i][4], x[i][5], 42.0};
        }
        LinearRegressionBaseline model = LinearRegressionBaseline.fit(withConstant, y);
        double[][] slopes = model.coefficients();
        for (int k = 0; k < 3; k++) {
            assertEquals(0.0, slopes[k][6], 1e-12);
            assertEquals(INTERCEPTS[k], model.intercepts()[k], 1e-8);
            for (int j = 0; j < 6; j++) {
                assertEquals(SLOPES[k][j], slopes[k][j], 1e-8);
            }
        }
    }

    @Test
    void duplicatedInputSharesItsSlopeEvenly() {
        double[][] x = inputs(50, 15);
        double[][] y = outputs(x, 0, 16);
        double[][] withDuplicate = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            withDuplicate[i] = new double[] {x[i][0], x[i][1], x[i][2], x[i][3], x[i][4], x[i][5], x[i][0]};
        }
        LinearRegressionBaseline model = LinearRegressionBaseline.fit(withDuplicate, y);
        double[][] slopes = model.coefficients();
        for (int k = 0; k < 3; k++) {
            assertEquals(SLOPES[k][0] / 2, slopes[k][0], 1e-6);
            assertEquals(SLOPES[k][0] / 2, slopes[k][6], 1e-6);
            assertEquals(INTERCEPTS[k], model.intercepts()[k], 1e-6);
        }
        assertArrayEquals(outputs(new double[][] {MEAN}, 0, 0)[0],
                model.predict(new double[] {MEAN[0], MEAN[1], MEAN[2], MEAN[3], MEAN[4], MEAN[5], MEAN[0]}), 1e-6);
    }

    @Test
    void accessorsReturnCopies() {
        double[][] x = inputs(20, 9);
        LinearRegressionBaseline model = LinearRegressionBaseline.fit(x, outputs(x, 0, 10));
        double[][] slopes = model.coefficients();
        slopes[0][0] = 1e6;
        model.intercepts()[0] = 1e6;
        assertNotSame(slopes, model.coefficients());
        assertTrue(Math.abs(model.coefficients()[0][0] - SLOPES[0][0]) < 1e-6);
        assertTrue(Math.abs(model.intercepts()[0] - INTERCEPTS[0]) < 1e-6);
    }

    @Test
    void rejectsBadInput() {
        double[][] x = inputs(10, 11);
        double[][] y = outputs(x, 0, 12);
        assertThrows(IllegalArgumentException.class, () -> LinearRegressionBaseline.fit(x, new double[9][3]));
        assertThrows(IllegalArgumentException.class, () -> LinearRegressionBaseline.fit(new double[0][6], new double[0][3]));
        // 6 inputs + intercept need 7 rows.
        assertThrows(IllegalArgumentException.class,
                () -> LinearRegressionBaseline.fit(inputs(6, 13), outputs(inputs(6, 13), 0, 14)));
        double[][] ragged = x.clone();
        ragged[3] = new double[5];
        assertThrows(IllegalArgumentException.class, () -> LinearRegressionBaseline.fit(ragged, y));
        LinearRegressionBaseline model = LinearRegressionBaseline.fit(x, y);
        assertThrows(IllegalArgumentException.class, () -> model.predict(new double[5]));
    }
}
