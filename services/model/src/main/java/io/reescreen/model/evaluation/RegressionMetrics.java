package io.reescreen.model.evaluation;

/**
 * Point-prediction metrics over one target (e.g. total REE in ppm mol), truth first as in sklearn.
 *
 * <p>Two "MAPE"s exist here on purpose. {@link #mapePct} is the textbook mean absolute percentage error.
 * The authors' released script ({@code post_evaluation} in "Model training.py") computes
 * {@code mean_absolute_error / mean(truth)} and calls it MAPE; that is {@link #maeOverMeanPct}. The paper's
 * table (e.g. linear regression 10.2 %) is in the second sense, so a report comparing with the paper must
 * quote {@code maeOverMeanPct}, and should show {@code mapePct} beside it. The two differ most when low-REE
 * samples are badly predicted (they weigh more in the textbook MAPE).
 *
 * <p>Every method throws {@link IllegalArgumentException} on null, empty or length-mismatched input.
 */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    /**
     * Coefficient of determination, sklearn's {@code r2_score}: 1 − SS_res / SS_tot with SS_tot about the mean
     * of the truth. It can be negative (worse than predicting the mean). Edge cases follow sklearn so values
     * stay comparable: a single sample gives NaN (R² is undefined); constant truth gives 1.0 if the prediction
     * is exact and 0.0 otherwise (sklearn's {@code force_finite=True}).
     */
    public static double r2(double[] truth, double[] predicted) {
        Checks.paired(truth, predicted, "predicted");
        if (truth.length < 2) {
            return Double.NaN;
        }
        double mean = mean(truth);
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < truth.length; i++) {
            double r = truth[i] - predicted[i];
            double d = truth[i] - mean;
            ssRes += r * r;
            ssTot += d * d;
        }
        if (ssTot == 0) {
            return ssRes == 0 ? 1.0 : 0.0;
        }
        return 1 - ssRes / ssTot;
    }

    /**
     * Standard MAPE in percent: mean of |predicted − truth| / |truth| × 100. Throws if any truth is zero,
     * where the percentage error is undefined (rather than return infinity into a mean ± std).
     */
    public static double mapePct(double[] truth, double[] predicted) {
        Checks.paired(truth, predicted, "predicted");
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == 0) {
                throw new IllegalArgumentException("MAPE is undefined: truth[" + i + "] is zero");
            }
            sum += Math.abs(predicted[i] - truth[i]) / Math.abs(truth[i]);
        }
        return 100 * sum / truth.length;
    }

    /**
     * MAE divided by the mean of the truth, in percent: what the authors' script and the paper call "MAPE"
     * (see the class comment). Throws if the mean of the truth is zero.
     */
    public static double maeOverMeanPct(double[] truth, double[] predicted) {
        double mae = mae(truth, predicted);
        double mean = mean(truth);
        if (mean == 0) {
            throw new IllegalArgumentException("MAE / mean is undefined: the mean of the truth is zero");
        }
        return 100 * mae / mean;
    }

    /** Root mean squared error, in the unit of the values. */
    public static double rmse(double[] truth, double[] predicted) {
        Checks.paired(truth, predicted, "predicted");
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double r = predicted[i] - truth[i];
            sum += r * r;
        }
        return Math.sqrt(sum / truth.length);
    }

    /** Mean absolute error, in the unit of the values. */
    public static double mae(double[] truth, double[] predicted) {
        Checks.paired(truth, predicted, "predicted");
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(predicted[i] - truth[i]);
        }
        return sum / truth.length;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
