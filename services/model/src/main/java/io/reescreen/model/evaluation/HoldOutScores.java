package io.reescreen.model.evaluation;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.predict.LotPrediction;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a model predicts total REE on rows it did not see: the paper's regression and screening figures
 * plus the coverage of the 5–95 % interval. Point values are the ensemble mean without input noise (as the
 * paper scores); intervals come from the full prediction (ensemble x the reading's noise).
 *
 * @param mapePct          mean absolute percentage error, % (the textbook definition)
 * @param maeOverMeanPct   mean absolute error over the mean truth, % (what the authors' script calls MAPE)
 * @param coverage90       fraction of rows whose truth lies inside [p05, p95], 0..1
 * @param meanWidth90Pct   mean width of those intervals, % of the point prediction: reported beside every coverage
 */
public record HoldOutScores(int rows, double r2, double mapePct, double maeOverMeanPct, double rmsePpmMol,
                            ScreeningMetrics screening, double coverage90, double meanWidth90Pct) {

    /** Scores {@code model} on {@code heldOut}: one engine pass for the points, one for the intervals. */
    public static HoldOutScores score(ScreeningModel model, Dataset heldOut, PredictionSettings settings) {
        double[][] x = heldOut.inputsMolPct(model.features());
        double[] truth = heldOut.totalReePpmMol();
        double[][] points = model.pointPredictions(x);
        List<LotPrediction> predictions = model.predictBatch(x, null, settings);
        double[] point = new double[truth.length];
        double[] lower = new double[truth.length];
        double[] upper = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            point[i] = points[i][0];
            lower[i] = predictions.get(i).total().p05PpmMol();
            upper[i] = predictions.get(i).total().p95PpmMol();
        }
        return of(truth, point, lower, upper, settings.thresholdTotalReePpmMol());
    }

    /** From paired truth and predictions of total REE, all ppm mol. */
    public static HoldOutScores of(double[] truth, double[] point, double[] lower, double[] upper, double thresholdPpmMol) {
        return new HoldOutScores(truth.length, RegressionMetrics.r2(truth, point), RegressionMetrics.mapePct(truth, point),
                RegressionMetrics.maeOverMeanPct(truth, point), RegressionMetrics.rmse(truth, point),
                ScreeningMetrics.at(truth, point, thresholdPpmMol), IntervalCoverage.fraction(truth, lower, upper),
                IntervalCoverage.meanWidthPct(point, lower, upper));
    }

    /** As model-release metrics, each name ending in its unit; {@code prefix} says which rows (e.g. "test_"). */
    public Map<String, Double> asMetrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "rows_count", (double) rows);
        m.put(prefix + "r2_total_ratio", r2);
        m.put(prefix + "mape_total_pct", mapePct);
        m.put(prefix + "mae_over_mean_total_pct", maeOverMeanPct);
        m.put(prefix + "rmse_total_ppm_mol", rmsePpmMol);
        m.put(prefix + "precision_at_threshold_ratio", screening.precision());
        m.put(prefix + "recall_at_threshold_ratio", screening.recall());
        m.put(prefix + "iou_at_threshold_ratio", screening.iou());
        m.put(prefix + "coverage_90_ratio", coverage90);
        m.put(prefix + "coverage_90_mean_width_pct", meanWidth90Pct);
        return m;
    }
}
