package io.reescreen.model.evaluation;

import java.util.Arrays;

/**
 * Location and spread of repeated results: the paper reports mean ± std over 30 repetitions, and medians
 * where one outlier split dominates (the Polish transfer R²). Throws on null or empty input.
 */
public final class Summary {

    private Summary() {
    }

    /** Arithmetic mean. */
    public static double mean(double[] values) {
        Checks.notEmpty(values);
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Sample standard deviation with n − 1 in the denominator, as pandas' {@code std()} that produced the
     * paper's "± std"; NaN for a single value (no spread can be estimated), as in pandas.
     */
    public static double std(double[] values) {
        double mean = mean(values);
        if (values.length < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            double d = v - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    /** Median; the mean of the two middle values for an even count. The input is not modified. */
    public static double median(double[] values) {
        Checks.notEmpty(values);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
