package io.reescreen.model.synthetic;

/** Cholesky factor of a symmetric positive-definite matrix, to draw correlated normals. */
final class Cholesky {

    private Cholesky() {
    }

    /** L with L·Lᵀ = {@code a}; fails loudly if {@code a} is not positive definite (a typo in a correlation). */
    static double[][] lower(double[][] a) {
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
}
