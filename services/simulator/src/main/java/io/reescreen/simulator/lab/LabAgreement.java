package io.reescreen.simulator.lab;

import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import java.util.List;
import java.util.Map;

/**
 * How close a screener's predictions come to what the simulated lab reports: the measure the closed-loop test and
 * the loop benchmark put before and after a retraining.
 */
public final class LabAgreement {

    private LabAgreement() {
    }

    /**
     * sum |predicted − lab| / sum lab of total REE (ppm mol), over the good lab results; the lab value is the truth
     * with the site offset, without the analytical noise.
     *
     * @param predictions the latest prediction per lot id; every lot with a good lab result must have one
     */
    public static double totalReeMaeOverMean(Map<String, ReePrediction> predictions, List<SimulatedLabResult> lab) {
        double error = 0;
        double truth = 0;
        for (SimulatedLabResult r : lab) {
            if (!r.isGood()) {
                continue;
            }
            ReePrediction p = predictions.get(r.lotId());
            if (p == null) {
                throw new IllegalArgumentException("no prediction for lot " + r.lotId());
            }
            double expected = r.expectedPpmMol().orElseThrow().sumPpmMol();
            double predicted = p.getOutputs().stream().filter(e -> e.getTarget() == ReeTarget.TOTAL_REE)
                    .mapToDouble(ReeEstimate::getMeanPpmMol).findFirst().orElseThrow();
            error += Math.abs(predicted - expected);
            truth += expected;
        }
        return error / truth;
    }
}
