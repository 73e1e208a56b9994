package io.reescreen.retrainer.performance;

import io.reescreen.retrainer.examples.ServedPrediction;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.ScreeningOutcome;
import io.reescreen.schemas.TrainingExample;
import java.time.Instant;

/**
 * One lab result set beside the prediction served for its lot before it. Both totals are already in the model's
 * unit (ppm mol of the REE oxides in the ash): the example's through the model library ({@code LabTargets}), the
 * prediction's as the screener scored it; only ratios are taken here.
 */
final class LabComparison {

    private LabComparison() {
    }

    /**
     * @param alertProbability a lot is screened as likely high when P(total >= threshold) reaches this
     * @param labResultAtMs    the lab result's record time, ms since the epoch
     * @return the comparison, or null when the example has no finite total REE to compare
     */
    static ModelPerformance of(TrainingExample example, String modelName, ServedPrediction served,
                               double alertProbability, long labResultAtMs, long comparedAtMs) {
        double lab = labTotal(example);
        if (!Double.isFinite(lab)) {
            return null;
        }
        double predicted = served.meanPpmMol();
        return ModelPerformance.newBuilder()
                .setLotId(example.getLotId())
                .setSiteId(example.getSiteId())
                .setLabResultId(example.getLabResultId())
                .setModelName(modelName)
                .setModelVersion(served.modelVersion())
                .setModelSiteId(served.modelSiteId())
                .setLabTotalReePpmMol(lab)
                .setPredictedTotalReePpmMol(predicted)
                .setP05TotalReePpmMol(served.p05PpmMol())
                .setP95TotalReePpmMol(served.p95PpmMol())
                .setAbsoluteErrorPpmMol(Math.abs(predicted - lab))
                .setRelativeErrorPct(lab == 0 ? Double.NaN : (predicted - lab) / lab * 100.0)
                .setInsideInterval90(lab >= served.p05PpmMol() && lab <= served.p95PpmMol())
                .setIntervalWidthPct(predicted == 0 ? Double.NaN
                        : (served.p95PpmMol() - served.p05PpmMol()) / predicted * 100.0)
                .setThresholdTotalReePpmMol(served.thresholdPpmMol())
                .setProbTotalAtOrAboveThreshold(served.probHigh())
                .setAlertProbability(alertProbability)
                .setOutcome(outcome(served.probHigh() >= alertProbability, lab, served.thresholdPpmMol(),
                        served.probHigh()))
                .setPredictedAt(Instant.ofEpochMilli(served.predictedAtMs()))
                .setLabResultAt(Instant.ofEpochMilli(labResultAtMs))
                .setComparedAt(Instant.ofEpochMilli(comparedAtMs))
                .build();
    }

    /**
     * Screened high (P(high) reached the alert probability) against the lab's total at or above the threshold.
     * UNKNOWN when the prediction carried no threshold or P(high) (kept before they were).
     */
    static ScreeningOutcome outcome(boolean screenedHigh, double labPpmMol, double thresholdPpmMol, double probHigh) {
        if (!Double.isFinite(thresholdPpmMol) || !Double.isFinite(probHigh)) {
            return ScreeningOutcome.UNKNOWN;
        }
        boolean high = labPpmMol >= thresholdPpmMol;
        if (screenedHigh) {
            return high ? ScreeningOutcome.TRUE_POSITIVE : ScreeningOutcome.FALSE_POSITIVE;
        }
        return high ? ScreeningOutcome.FALSE_NEGATIVE : ScreeningOutcome.TRUE_NEGATIVE;
    }

    private static double labTotal(TrainingExample example) {
        for (ReeTargetValue t : example.getTargets()) {
            if (t.getTarget() == ReeTarget.TOTAL_REE) {
                return t.getValuePpmMol();
            }
        }
        return Double.NaN;
    }
}
