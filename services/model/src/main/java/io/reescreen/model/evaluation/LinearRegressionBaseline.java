package io.reescreen.model.evaluation;

import io.reescreen.model.linalg.Cholesky;

/**
 * The paper's baseline: ordinary least squares with an intercept, one linear model per output (e.g. the 16
 * REE oxides and their total), from oxide contents in <b>mol %</b> to REE oxide contents in <b>ppm mol</b>.
 * Coefficients are therefore in ppm mol per mol %, intercepts in ppm mol.
 *
 * <p>Fitted through the normal equations, solved with {@link Cholesky}. Before forming them the inputs are
 * centred (which takes the intercept out of the system) and scaled to unit column norm, because the
 * selected oxides spread very differently (CaO std ≈ 12.5 mol %, P2O5 ≈ 0.2 mol %): unscaled, the Gram
 * matrix would be needlessly ill-conditioned, and a ridge relative to its trace would bias exactly the
 * small-spread oxides. A tiny ridge, 1e-9 × trace / p of the scaled Gram matrix, then keeps the
 * factorisation defined for a constant or duplicated input (its coefficient comes out zero or split evenly
 * rather than the fit failing). Its bias, though only of relative order 1e-9, is then taken out by two
 * steps of iterative refinement, so a well-posed fit is plain least squares (as sklearn's, which the paper
 * used) to rounding.
 *
 * <p>Fitting needs at least one more row than inputs, as an unregularised least-squares fit would; fewer
 * rows are refused instead of silently returning a ridge-determined answer.
 */
public final class LinearRegressionBaseline {

    /** Relative ridge on the scaled Gram matrix: numerical safety only, not regularisation. */
    private static final double RIDGE = 1e-9;
    /** Two refinement steps take the ridge's relative bias from ~1e-9 to below rounding. */
    private static final int REFINEMENT_STEPS = 2;

    private final double[][] coefficients; // [output][input], ppm mol per mol %
    private final double[] intercepts;     // [output], ppm mol

    private LinearRegressionBaseline(double[][] coefficients, double[] intercepts) {
        this.coefficients = coefficients;
        this.intercepts = intercepts;
    }

    /**
     * Least-squares fit of every column of {@code yPpmMol} on the columns of {@code xMolPct} plus an
     * intercept. Rows are samples; both arrays must have the same number of rows, every row of a given array
     * the same length, and there must be more rows than input columns.
     */
    public static LinearRegressionBaseline fit(double[][] xMolPct, double[][] yPpmMol) {
        int n = rows(xMolPct, "x");
        if (rows(yPpmMol, "y") != n) {
            throw new IllegalArgumentException("x has " + n + " rows but y has " + yPpmMol.length);
        }
        int p = width(xMolPct, "x");
        int q = width(yPpmMol, "y");
        if (n < p + 1) {
            throw new IllegalArgumentException("need at least " + (p + 1) + " rows to fit " + p
                    + " inputs and an intercept, got " + n);
        }

        double[] xMean = columnMeans(xMolPct, p);
        double[] yMean = columnMeans(yPpmMol, q);
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (double[] row : xMolPct) {
                double d = row[j] - xMean[j];
                s += d * d;
            }
            // A constant column stays all zeros after centring whatever the scale; 1 avoids dividing by zero.
            scale[j] = s > 0 ? Math.sqrt(s) : 1.0;
        }
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                z[i][j] = (xMolPct[i][j] - xMean[j]) / scale[j];
            }
        }

        double[][] gram = new double[p][p];
        double trace = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += z[i][a] * z[i][b];
                }
                gram[a][b] = s;
                gram[b][a] = s;
            }
            trace += gram[a][a];
        }
        // trace is 0 only when every input is constant; the fit is then the mean of y.
        double ridge = RIDGE * (trace > 0 ? trace / p : 1.0);
        double[][] ridged = new double[p][];
        for (int a = 0; a < p; a++) {
            ridged[a] = gram[a].clone();
            ridged[a][a] += ridge;
        }
        double[][] l = Cholesky.lower(ridged);

        double[][] coefficients = new double[q][p];
        double[] intercepts = new double[q];
        for (int k = 0; k < q; k++) {
            double[] rhs = new double[p];
            for (int i = 0; i < n; i++) {
                double yc = yPpmMol[i][k] - yMean[k];
                for (int j = 0; j < p; j++) {
                    rhs[j] += z[i][j] * yc;
                }
            }
            double[] gamma = Cholesky.solve(l, rhs);
            // Iterative refinement against the unridged Gram matrix removes the ridge's bias (each step
            // shrinks it by ridge / eigenvalue, ~1e-9), so the answer is plain OLS as in the paper's
            // sklearn baseline; directions with zero eigenvalue (constant inputs) get no residual and stay 0.
            for (int step = 0; step < REFINEMENT_STEPS; step++) {
                double[] residual = rhs.clone();
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        residual[a] -= gram[a][b] * gamma[b];
                    }
                }
                double[] correction = Cholesky.solve(l, residual);
                for (int a = 0; a < p; a++) {
                    gamma[a] += correction[a];
                }
            }
            double intercept = yMean[k];
            for (int j = 0; j < p; j++) {
                coefficients[k][j] = gamma[j] / scale[j];
                intercept -= coefficients[k][j] * xMean[j];
            }
            intercepts[k] = intercept;
        }
        return new LinearRegressionBaseline(coefficients, intercepts);
    }

    /** Predicted outputs in ppm mol for one sample's inputs in mol % (same column order as in the fit). */
    public double[] predict(double[] xMolPct) {
        if (xMolPct == null || xMolPct.length != inputCount()) {
            throw new IllegalArgumentException("expected " + inputCount() + " inputs, got "
                    + (xMolPct == null ? "null" : xMolPct.length));
        }
        double[] out = new double[outputCount()];
        for (int k = 0; k < out.length; k++) {
            double s = intercepts[k];
            for (int j = 0; j < xMolPct.length; j++) {
                s += coefficients[k][j] * xMolPct[j];
            }
            out[k] = s;
        }
        return out;
    }

    /** {@link #predict(double[])} for every row: [sample][output] in ppm mol. */
    public double[][] predict(double[][] xMolPct) {
        if (xMolPct == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        double[][] out = new double[xMolPct.length][];
        for (int i = 0; i < xMolPct.length; i++) {
            out[i] = predict(xMolPct[i]);
        }
        return out;
    }

    /** Slopes as [output][input], in ppm mol per mol %; a copy. */
    public double[][] coefficients() {
        double[][] copy = new double[coefficients.length][];
        for (int k = 0; k < coefficients.length; k++) {
            copy[k] = coefficients[k].clone();
        }
        return copy;
    }

    /** Intercepts per output, in ppm mol (the prediction at all-zero inputs); a copy. */
    public double[] intercepts() {
        return intercepts.clone();
    }

    public int inputCount() {
        return coefficients[0].length;
    }

    public int outputCount() {
        return intercepts.length;
    }

    private static int rows(double[][] m, String name) {
        if (m == null || m.length == 0) {
            throw new IllegalArgumentException(name + " has no rows");
        }
        return m.length;
    }

    private static int width(double[][] m, String name) {
        if (m[0] == null || m[0].length == 0) {
            throw new IllegalArgumentException(name + " has no columns");
        }
        int w = m[0].length;
        for (int i = 1; i < m.length; i++) {
            if (m[i] == null || m[i].length != w) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + (m[i] == null ? "no" : String.valueOf(m[i].length)) + " values, row 0 has " + w);
            }
        }
        return w;
    }

    private static double[] columnMeans(double[][] m, int width) {
        double[] mean = new double[width];
        for (double[] row : m) {
            for (int j = 0; j < width; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= m.length;
        }
        return mean;
    }
}
