package io.reescreen.model.units;

import java.util.Arrays;

/**
 * Weighted closure to 100 and its first-order uncertainty propagation: f_i = 100·a_i·v_i / Σ_j a_j·v_j.
 * With a_i = 1/M_i it turns wt% into mol %; with a_i = M_i it turns mol % into wt%; with a_i = 1 it renormalises.
 * One implementation for all three keeps the conversions exact inverses of each other.
 */
final class Closure {

    private Closure() {
    }

    static double[] apply(double[] values, double[] weights) {
        double denominator = weightedSum(values, weights);
        double[] closed = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            closed[i] = 100.0 * weights[i] * values[i] / denominator;
        }
        return closed;
    }

    /** ∂f_i/∂v_k = 100·a_k/D · (δ_ik − f_i/100), D = Σ a_j v_j. */
    static double[][] jacobian(double[] values, double[] weights) {
        double denominator = weightedSum(values, weights);
        double[] closed = apply(values, weights);
        int n = values.length;
        double[][] jacobian = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double delta = i == k ? 1.0 : 0.0;
                jacobian[i][k] = 100.0 * weights[k] / denominator * (delta - closed[i] / 100.0);
            }
        }
        return jacobian;
    }

    /** Linear propagation of a covariance matrix: J·C·Jᵀ. */
    static double[][] propagate(double[][] jacobian, double[][] covariance) {
        int n = jacobian.length;
        int m = covariance.length;
        double[][] jc = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                double s = 0;
                for (int l = 0; l < m; l++) {
                    s += jacobian[i][l] * covariance[l][k];
                }
                jc[i][k] = s;
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += jc[i][k] * jacobian[j][k];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    private static double weightedSum(double[] values, double[] weights) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i] * values[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("cannot close a composition whose weighted sum is " + sum);
        }
        return sum;
    }

    private static final double[] MOLAR_MASSES_G_PER_MOL = new double[MajorOxide.COUNT];
    private static final double[] INVERSE_MOLAR_MASSES_MOL_PER_G = new double[MajorOxide.COUNT];
    private static final double[] ONES = new double[MajorOxide.COUNT];

    static {
        for (MajorOxide o : MajorOxide.values()) {
            MOLAR_MASSES_G_PER_MOL[o.ordinal()] = o.molarMassGPerMol();
            INVERSE_MOLAR_MASSES_MOL_PER_G[o.ordinal()] = 1.0 / o.molarMassGPerMol();
        }
        Arrays.fill(ONES, 1.0);
    }

    /** Molar masses of the ten major oxides, paper order. Shared and never written: callers must not modify. */
    static double[] molarMassesGPerMol() {
        return MOLAR_MASSES_G_PER_MOL;
    }

    /** 1/M of the ten major oxides, paper order. Shared and never written: callers must not modify. */
    static double[] inverseMolarMassesMolPerG() {
        return INVERSE_MOLAR_MASSES_MOL_PER_G;
    }

    /** Unit weights for plain renormalisation. Shared and never written: callers must not modify. */
    static double[] ones() {
        return ONES;
    }

    static double[][] copy(double[][] matrix) {
        if (matrix == null) {
            return null;
        }
        double[][] c = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            c[i] = matrix[i].clone();
        }
        return c;
    }

    static double[][] diagonal(double[] sigma) {
        double[][] c = new double[sigma.length][sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            c[i][i] = sigma[i] * sigma[i];
        }
        return c;
    }
}
