package io.reescreen.retrainer.performance;

import io.reescreen.model.evaluation.RegressionMetrics;
import io.reescreen.model.evaluation.ScreeningMetrics;
import io.reescreen.schemas.ModelPerformance;
import java.util.Collection;

/**
 * Realised accuracy over a set of comparisons (a rolling window, or a replayed time window): total REE, lab value
 * as truth. Percent figures; NaN where a figure is undefined (no comparison, no positive, a zero lab value).
 *
 * @param comparisons          count of comparisons
 * @param maeOverMeanPct       sum |predicted - lab| / sum lab, percent (what the paper calls MAPE)
 * @param mapePct              mean of |predicted - lab| / lab, percent (over lab values above zero)
 * @param coverage90Pct        lab values inside the 90 % interval, percent
 * @param meanIntervalWidthPct mean of (p95 - p05) / prediction, percent
 * @param precisionPct         TP / (TP + FP) at the screening threshold, percent
 * @param recallPct            TP / (TP + FN), percent
 * @param screening            the confusion counts (comparisons of UNKNOWN outcome left out)
 */
public record AccuracyFigures(int comparisons, double maeOverMeanPct, double mapePct, double coverage90Pct,
                              double meanIntervalWidthPct, double precisionPct, double recallPct,
                              ScreeningMetrics screening) {

    public static AccuracyFigures of(Collection<ModelPerformance> comparisons) {
        int n = comparisons.size();
        double[] lab = new double[n];
        double[] predicted = new double[n];
        int inside = 0;
        double widthSum = 0;
        int widths = 0;
        int nonZero = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        int i = 0;
        for (ModelPerformance c : comparisons) {
            lab[i] = c.getLabTotalReePpmMol();
            predicted[i] = c.getPredictedTotalReePpmMol();
            nonZero += lab[i] != 0 ? 1 : 0;
            inside += c.getInsideInterval90() ? 1 : 0;
            if (Double.isFinite(c.getIntervalWidthPct())) {
                widthSum += c.getIntervalWidthPct();
                widths++;
            }
            switch (c.getOutcome()) {
                case TRUE_POSITIVE -> tp++;
                case FALSE_POSITIVE -> fp++;
                case FALSE_NEGATIVE -> fn++;
                case TRUE_NEGATIVE -> tn++;
                default -> { }
            }
            i++;
        }
        ScreeningMetrics screening = new ScreeningMetrics(tp, fp, fn, tn);
        double labSum = 0;
        for (double v : lab) {
            labSum += v;
        }
        return new AccuracyFigures(n,
                n == 0 || labSum <= 0 ? Double.NaN : RegressionMetrics.maeOverMeanPct(lab, predicted),
                nonZero == 0 ? Double.NaN : mapeOverNonZero(lab, predicted, nonZero),
                n == 0 ? Double.NaN : 100.0 * inside / n,
                widths == 0 ? Double.NaN : widthSum / widths,
                100.0 * screening.precision(), 100.0 * screening.recall(), screening);
    }

    private static double mapeOverNonZero(double[] lab, double[] predicted, int nonZero) {
        double[] truth = new double[nonZero];
        double[] point = new double[nonZero];
        int j = 0;
        for (int i = 0; i < lab.length; i++) {
            if (lab[i] != 0) {
                truth[j] = lab[i];
                point[j++] = predicted[i];
            }
        }
        return RegressionMetrics.mapePct(truth, point);
    }
}
