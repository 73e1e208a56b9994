package io.reescreen.model.ensemble;

import java.util.Arrays;

/**
 * Per-column standardisation, z = (x - mean) / std, with the population std as scikit-learn's
 * StandardScaler uses (the paper's). A constant column gets std 1 so it maps to 0 rather than NaN.
 */
public record StandardScaler(double[] mean, double[] std) {

    public StandardScaler {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
        for (double s : std) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("std must be positive and finite: " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    public static StandardScaler fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on no rows");
        }
        int columns = rows[0].length;
        double[] mean = new double[columns];
        double[] std = new double[columns];
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / rows.length;
            }
        }
        for (int j = 0; j < columns; j++) {
            std[j] = std[j] > 1e-24 ? Math.sqrt(std[j]) : 1.0;
        }
        return new StandardScaler(mean, std);
    }

    public int columns() {
        return mean.length;
    }

    public double[] transform(double[] row) {
        double[] z = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            z[j] = (row[j] - mean[j]) / std[j];
        }
        return z;
    }

    public double[][] transform(double[][] rows) {
        return Arrays.stream(rows).map(this::transform).toArray(double[][]::new);
    }

    public double inverse(int column, double z) {
        return z * std[column] + mean[column];
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "StandardScaler" + Arrays.toString(mean) + "/" + Arrays.toString(std);
    }
}
