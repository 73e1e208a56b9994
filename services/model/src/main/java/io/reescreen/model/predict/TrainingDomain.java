package io.reescreen.model.predict;

import io.reescreen.model.linalg.Cholesky;
import java.util.Arrays;

/**
 * Where the model has seen data: the training inputs' mean, covariance and median (in mol %). A lot whose
 * Mahalanobis distance from the mean exceeds the chi-square 0.999 quantile for this many inputs is out
 * of domain: 1 in 1000 training-like compositions would be flagged by chance.
 */
public final class TrainingDomain {

    /** Standard normal 0.999 quantile, for the Wilson–Hilferty chi-square approximation. */
    private static final double Z_0999 = 3.090232;

    private final double[] mean;
    private final double[][] covariance;
    private final double[] median;
    private final double[][] choleskyLower;
    private final double maxDistance;

    public TrainingDomain(double[] mean, double[][] covariance, double[] median) {
        this.mean = mean.clone();
        this.covariance = Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
        this.median = median.clone();
        this.choleskyLower = Cholesky.lower(regularised(this.covariance));
        int n = mean.length;
        double h = 2.0 / (9.0 * n);
        this.maxDistance = Math.sqrt(n * Math.pow(1 - h + Z_0999 * Math.sqrt(h), 3));
    }

    public static TrainingDomain fit(double[][] inputsMolPct) {
        int rows = inputsMolPct.length;
        int n = inputsMolPct[0].length;
        if (rows <= n) {
            throw new IllegalArgumentException("need more training rows (" + rows + ") than inputs (" + n + ")");
        }
        double[] mean = new double[n];
        for (double[] row : inputsMolPct) {
            for (int j = 0; j < n; j++) {
                mean[j] += row[j] / rows;
            }
        }
        double[][] cov = new double[n][n];
        for (double[] row : inputsMolPct) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    cov[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (rows - 1);
                }
            }
        }
        double[] median = new double[n];
        for (int j = 0; j < n; j++) {
            final int column = j;
            double[] values = Arrays.stream(inputsMolPct).mapToDouble(r -> r[column]).sorted().toArray();
            median[j] = rows % 2 == 1 ? values[rows / 2] : (values[rows / 2 - 1] + values[rows / 2]) / 2;
        }
        return new TrainingDomain(mean, cov, median);
    }

    /** A tiny ridge keeps a near-singular covariance (collinear oxides) invertible. */
    private static double[][] regularised(double[][] cov) {
        double[][] r = Arrays.stream(cov).map(double[]::clone).toArray(double[][]::new);
        for (int i = 0; i < r.length; i++) {
            r[i][i] += 1e-9 + 1e-6 * Math.abs(cov[i][i]);
        }
        return r;
    }

    /** Dimensionless Mahalanobis distance of a composition (mol %) from the training mean. */
    public double mahalanobisDistance(double[] inputsMolPct) {
        double[] d = new double[mean.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = inputsMolPct[j] - mean[j];
        }
        return Math.sqrt(Cholesky.inverseQuadraticForm(choleskyLower, d));
    }

    public boolean isOutOfDomain(double distance) {
        return distance > maxDistance;
    }

    public double maxDistance() {
        return maxDistance;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[][] covariance() {
        return Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
    }

    /** The attribution baseline: the training median of each input, mol %. */
    public double[] median() {
        return median.clone();
    }
}
