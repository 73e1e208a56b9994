package io.reescreen.retrainer.performance;

import io.reescreen.retrainer.examples.ServedPrediction;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.TrainingExample;
import java.time.Instant;
import java.util.List;

/** Hand-made comparisons: one lab total against one served prediction (ppm mol, threshold 300, alert at 0.5). */
final class Comparisons {

    private Comparisons() {
    }

    static ModelPerformance of(String site, String version, double labPpmMol, double meanPpmMol, double p05PpmMol,
                               double p95PpmMol, double probHigh) {
        TrainingExample example = TrainingExample.newBuilder().setExampleId("X").setLotId("L-1").setSiteId(site)
                .setLabResultId("LAB-" + labPpmMol + "-" + meanPpmMol).setComposition(List.of()).setShotCount(3)
                .setTargets(List.of(new ReeTargetValue(ReeTarget.TOTAL_REE, labPpmMol))).setLabResultPartition(0)
                .setLabResultOffset(0).setCompositionUpdatedAt(Instant.EPOCH).setCreatedAt(Instant.EPOCH).build();
        return LabComparison.of(example, "ree-mtnn", new ServedPrediction(version, meanPpmMol, p05PpmMol, p95PpmMol,
                null, 300, probHigh, 1_000L), 0.5, 2_000L, 3_000L);
    }

    /** A comparison inside or outside its interval, with the given absolute error, not screened high, lab low. */
    static ModelPerformance withError(String site, String version, double lab, double error, boolean inside) {
        double mean = lab + error;
        return inside ? of(site, version, lab, mean, Math.min(lab, mean) - 1, Math.max(lab, mean) + 1, 0.1)
                : of(site, version, lab, mean, mean - 0.001, mean + 0.001, 0.1);
    }
}
