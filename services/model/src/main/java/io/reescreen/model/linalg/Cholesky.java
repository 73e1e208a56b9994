package io.reescreen.model.linalg;

/**
 * Cholesky factorisation of a symmetric positive-definite matrix: to draw correlated normals, to solve
 * normal equations, and for Mahalanobis distances. Matrices here are at most a few dozen wide.
 */
public final class Cholesky {

    private Cholesky() {
    }

    /** L with L·Lᵀ = {@code a}; fails loudly if {@code a} is not positive definite (a typo in a correlation). */
    public static double[][] lower(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("matrix is not positive definite (pivot " + i + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** x with a·x = b, given L = lower(a). */
    public static double[] solve(double[][] l, double[] b) {
        int n = l.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** dᵀ·a⁻¹·d, given L = lower(a): the squared Mahalanobis length of d. */
    public static double inverseQuadraticForm(double[][] l, double[] d) {
        double sum = 0;
        int n = l.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = d[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
            sum += y[i] * y[i];
        }
        return sum;
    }
}
