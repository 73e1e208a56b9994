package io.reescreen.model.evaluation;

/**
 * Confusion counts for screening at a threshold, as in the paper's Fig. 5 (157 ppm mol total REE, the
 * dataset median): a sample is positive when its value is {@code >= threshold}, for truth and prediction
 * alike. The ratios return NaN where their denominator is zero, because 0/0 is not "perfect" nor "zero"
 * and a NaN cannot be mistaken for either in a mean over repetitions.
 */
public record ScreeningMetrics(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

    public ScreeningMetrics {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
            throw new IllegalArgumentException("confusion counts must be non-negative");
        }
    }

    /**
     * Counts over paired truth and prediction (same unit as {@code threshold}, e.g. ppm mol). Throws on
     * null, empty or mismatched input, and on NaN anywhere: NaN >= t is false, so a NaN would silently
     * count as a negative.
     */
    public static ScreeningMetrics at(double[] truth, double[] predicted, double threshold) {
        Checks.paired(truth, predicted, "predicted");
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (Double.isNaN(truth[i]) || Double.isNaN(predicted[i])) {
                throw new IllegalArgumentException("NaN at index " + i);
            }
            boolean actual = truth[i] >= threshold;
            boolean flagged = predicted[i] >= threshold;
            if (actual && flagged) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (actual) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ScreeningMetrics(tp, fp, fn, tn);
    }

    /** TP / (TP + FP): share of flagged samples that are truly rich; NaN when nothing was flagged. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN): share of truly rich samples that were flagged; NaN when none is truly rich. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /**
     * The paper's IoU, TP / (TP + FP + FN): overlap of the flagged and the truly rich sets over their union;
     * NaN when both sets are empty.
     */
    public double iou() {
        return ratio(truePositives, truePositives + falsePositives + falseNegatives);
    }

    /** Number of samples counted. */
    public int total() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
