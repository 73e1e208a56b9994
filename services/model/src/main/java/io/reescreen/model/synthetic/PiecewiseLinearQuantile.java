package io.reescreen.model.synthetic;

import java.util.Arrays;

/**
 * A monotone piecewise-linear quantile function through (probability, value) knots. Sampling it with a uniform
 * variate reproduces the knot percentiles exactly, which is how the generator matches the paper's Table 1.
 */
final class PiecewiseLinearQuantile {

    /** Candidate positions of the extra upper-tail knot, nearest to the middle of the top quintile first. */
    private static final double[] TAIL_KNOT_CANDIDATES = {0.90, 0.89, 0.91, 0.88, 0.92, 0.87, 0.93, 0.86, 0.94,
        0.85, 0.95, 0.84, 0.96, 0.83, 0.97, 0.82, 0.98, 0.81, 0.99};

    private final double[] probabilities;
    private final double[] values;

    PiecewiseLinearQuantile(double[] probabilities, double[] values) {
        if (probabilities.length != values.length || probabilities.length < 2) {
            throw new IllegalArgumentException("need matching knots, at least two");
        }
        if (probabilities[0] != 0.0 || probabilities[probabilities.length - 1] != 1.0) {
            throw new IllegalArgumentException("knots must span probabilities 0 to 1");
        }
        for (int i = 1; i < values.length; i++) {
            if (!(probabilities[i] > probabilities[i - 1]) || values[i] < values[i - 1]) {
                throw new IllegalArgumentException("knots must be increasing: " + Arrays.toString(probabilities)
                        + " -> " + Arrays.toString(values));
            }
        }
        this.probabilities = probabilities.clone();
        this.values = values.clone();
    }

    /**
     * Through the 0/20/50/80/100th percentiles of a published table. When {@code mean} is given (not NaN) and
     * reachable, one extra knot inside the top quintile makes the distribution's mean equal it: the tables'
     * upper tails are long (Na2O 1.3 → 13.3 above p80) and straight-line interpolation would put far too much mass
     * there.
     */
    static PiecewiseLinearQuantile fromPercentiles(double p0, double p20, double p50, double p80, double p100,
                                                   double mean) {
        double[] p = {0.0, 0.2, 0.5, 0.8, 1.0};
        double[] v = {p0, p20, p50, p80, p100};
        if (Double.isNaN(mean)) {
            return new PiecewiseLinearQuantile(p, v);
        }
        // Mass below p80 is fixed by the table; the top quintile must supply the rest of the mean.
        double lower = 0.2 * (p0 + p20) / 2 + 0.3 * (p20 + p50) / 2 + 0.3 * (p50 + p80) / 2;
        double topContribution = mean - lower;
        for (double q : TAIL_KNOT_CANDIDATES) {
            // (q-0.8)(p80+t)/2 + (1-q)(t+p100)/2 = topContribution, solved for t
            double t = (topContribution - (q - 0.8) * p80 / 2 - (1 - q) * p100 / 2) / ((1.0 - 0.8) / 2);
            if (t >= p80 && t <= p100) {
                return new PiecewiseLinearQuantile(new double[] {0.0, 0.2, 0.5, 0.8, q, 1.0},
                        new double[] {p0, p20, p50, p80, t, p100});
            }
        }
        return new PiecewiseLinearQuantile(p, v);
    }

    double valueAt(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        int i = 1;
        while (i < probabilities.length - 1 && probability > probabilities[i]) {
            i++;
        }
        double f = (probability - probabilities[i - 1]) / (probabilities[i] - probabilities[i - 1]);
        return values[i - 1] + f * (values[i] - values[i - 1]);
    }

    /** The exact mean of the distribution (trapezoids between knots). */
    double mean() {
        double m = 0;
        for (int i = 1; i < values.length; i++) {
            m += (probabilities[i] - probabilities[i - 1]) * (values[i] + values[i - 1]) / 2;
        }
        return m;
    }
}
