package io.reescreen.launcher;

import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ScreeningOutcome;
import java.time.Instant;

/** Hand-made models.performance records: a lab value beside a prediction with a ±10 % interval (20 % wide). */
final class LabComparisons {

    private LabComparisons() {
    }

    /** @param modelSite the site model that predicted; null: the base model */
    static ModelPerformance of(String lotId, String site, String version, String modelSite, double lab, double predicted,
                               boolean inside, ScreeningOutcome outcome) {
        return ModelPerformance.newBuilder().setLotId(lotId).setSiteId(site).setLabResultId("LAB-" + lotId)
                .setModelVersion(version).setModelSiteId(modelSite).setLabTotalReePpmMol(lab)
                .setPredictedTotalReePpmMol(predicted).setP05TotalReePpmMol(predicted * 0.9)
                .setP95TotalReePpmMol(predicted * 1.1).setAbsoluteErrorPpmMol(Math.abs(predicted - lab))
                .setRelativeErrorPct((predicted - lab) / lab * 100).setInsideInterval90(inside).setIntervalWidthPct(20)
                .setThresholdTotalReePpmMol(250).setProbTotalAtOrAboveThreshold(0.5).setAlertProbability(0.5)
                .setOutcome(outcome).setPredictedAt(Instant.EPOCH).setLabResultAt(Instant.EPOCH)
                .setComparedAt(Instant.EPOCH).build();
    }
}
