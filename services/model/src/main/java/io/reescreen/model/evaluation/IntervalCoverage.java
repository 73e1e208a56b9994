package io.reescreen.model.evaluation;

/** Empirical coverage of prediction intervals: does a nominal 90 % interval hold 90 % of the truths? */
public final class IntervalCoverage {

    private IntervalCoverage() {
    }

    /**
     * Share (0..1) of truths inside their closed interval [lower, upper]. Throws on null, empty or
     * mismatched input, on NaN, and on lower > upper (a swapped interval would otherwise just look narrow).
     */
    public static double fraction(double[] truth, double[] lower, double[] upper) {
        Checks.paired(truth, lower, "lower");
        Checks.paired(truth, upper, "upper");
        int inside = 0;
        for (int i = 0; i < truth.length; i++) {
            if (Double.isNaN(truth[i]) || Double.isNaN(lower[i]) || Double.isNaN(upper[i])) {
                throw new IllegalArgumentException("NaN at index " + i);
            }
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("lower > upper at index " + i + ": " + lower[i] + " > " + upper[i]);
            }
            if (truth[i] >= lower[i] && truth[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / truth.length;
    }

    /**
     * Mean width of the intervals as a percentage of their point predictions, 100 (upper - lower) / point: what a
     * coverage figure costs. Throws as {@link #fraction} does, and on a point prediction that is not positive.
     */
    public static double meanWidthPct(double[] point, double[] lower, double[] upper) {
        Checks.paired(point, lower, "lower");
        Checks.paired(point, upper, "upper");
        double sum = 0;
        for (int i = 0; i < point.length; i++) {
            if (!(point[i] > 0) || lower[i] > upper[i] || Double.isNaN(lower[i]) || Double.isNaN(upper[i])) {
                throw new IllegalArgumentException("interval [" + lower[i] + ", " + upper[i] + "] around " + point[i]
                        + " at index " + i);
            }
            sum += 100 * (upper[i] - lower[i]) / point[i];
        }
        return sum / point.length;
    }
}
