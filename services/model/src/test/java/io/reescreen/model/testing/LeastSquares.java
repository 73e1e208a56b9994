package io.reescreen.model.testing;

/** Ordinary least squares with an intercept, for checking effect directions in generated data. */
public final class LeastSquares {

    private LeastSquares() {
    }

    /** Coefficients [intercept, b1..bp] minimising ‖y − b0 − X·b‖². */
    public static double[] fit(double[][] x, double[] y) {
        int n = x.length;
        int p = x[0].length + 1;
        double[][] a = new double[p][p + 1];
        for (int r = 0; r < n; r++) {
            double[] row = new double[p];
            row[0] = 1;
            System.arraycopy(x[r], 0, row, 1, p - 1);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] += row[i] * row[j];
                }
                a[i][p] += row[i] * y[r];
            }
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= p; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            b[i] = a[i][p] / a[i][i];
        }
        return b;
    }
}
