package io.reescreen.model.comparison;

import io.reescreen.model.evaluation.ScreeningMetrics;

import java.util.List;

/**
 * One contender on one split's test rows.
 *
 * @param mapePct              mean absolute percentage error, %
 * @param maeOverMeanPct       MAE over mean truth, % (the authors' script's "MAPE")
 * @param noiseSensitivityPct  per noise level, the RMS relative change of the predicted total when the test
 *                             inputs get that much relative Gaussian noise, %
 */
public record RepetitionScores(double r2, double mapePct, double maeOverMeanPct, ScreeningMetrics screening,
                               List<Double> noiseSensitivityPct) {

    public RepetitionScores {
        noiseSensitivityPct = List.copyOf(noiseSensitivityPct);
    }
}
