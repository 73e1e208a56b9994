package io.reescreen.screener.board;

import io.reescreen.schemas.AlertAcknowledgement;
import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.AlertTrigger;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.MajorOxide;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ScreeningOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records as the screener and the retrainer write them, for the board's tests. */
final class BoardRecords {

    private BoardRecords() {
    }

    static HighReeAlert alert(String alertId, String lotId, String site, Instant at, AlertTransition transition) {
        return HighReeAlert.newBuilder().setAlertId(alertId).setLotId(lotId).setSiteId(site).setRaisedAt(at)
                .setTransition(transition).setTrigger(AlertTrigger.NEW_READINGS).setTotalReeMeanPpmMol(210)
                .setTotalReeP05PpmMol(180).setTotalReeP95PpmMol(240).setThresholdTotalReePpmMol(157)
                .setProbTotalAtOrAboveThreshold(0.93).setAlertProbability(0.5).setOutOfDomain(false)
                .setTopAttributions(List.of(OxideAttribution.newBuilder().setOxide(MajorOxide.CaO)
                        .setContributionPpmMol(19.4).build()))
                .setModelVersion("v1").setReadingCount(5).setReason("P(high) rose to 0.93").setModelSiteId(null)
                .build();
    }

    static ReePrediction prediction(String lotId, Instant at, double meanPpmMol, double probHigh) {
        List<ReeEstimate> outputs = new ArrayList<>();
        for (ReeTarget t : ReeTarget.values()) {
            double mean = t == ReeTarget.TOTAL_REE ? meanPpmMol : meanPpmMol / 16;
            outputs.add(ReeEstimate.newBuilder().setTarget(t).setMeanPpmMol(mean).setStdPpmMol(mean / 10)
                    .setP05PpmMol(mean * 0.8).setP95PpmMol(mean * 1.2).build());
        }
        return ReePrediction.newBuilder().setLotId(lotId).setPredictedAt(at).setModelName("m").setModelVersion("v1")
                .setReadingCount(3).setOutputs(outputs).setThresholdTotalReePpmMol(157)
                .setProbTotalAtOrAboveThreshold(probHigh).setOutOfDomain(false).setDomainDistanceMahalanobis(1.0)
                .setAttributionBaselinePpmMol(150)
                .setAttributions(List.of(OxideAttribution.newBuilder().setOxide(MajorOxide.Al2O3)
                        .setContributionPpmMol(22).build()))
                .setByDifferenceOxides(List.of(MajorOxide.SiO2)).setEnsembleMembers(3).setNoiseSamples(16)
                .setModelSiteId(null).build();
    }

    static LotComposition composition(String lotId, String site, int shots, Instant at) {
        List<OxideMolPct> oxides = new ArrayList<>();
        for (MajorOxide o : MajorOxide.values()) {
            oxides.add(OxideMolPct.newBuilder().setOxide(o).setMeanMolPct(10).build());
        }
        return LotComposition.newBuilder().setLotId(lotId).setSiteId(site).setShotCount(shots).setOxides(oxides)
                .setFirstSampledAt(at).setLastSampledAt(at).setLastReadingId("R-" + shots).setUpdatedAt(at).build();
    }

    static AlertAcknowledgement ack(String alertId, String lotId, String operator, Instant at) {
        return AlertAcknowledgement.newBuilder().setAlertId(alertId).setLotId(lotId).setOperator(operator)
                .setNote("diverted to stockpile 3").setAcknowledgedAt(at).build();
    }

    static ModelPerformance performance(String lotId, String site, String version, double lab, double predicted,
                                        boolean inside, Instant at) {
        return ModelPerformance.newBuilder().setLotId(lotId).setSiteId(site).setLabResultId("LAB-" + lotId)
                .setModelVersion(version).setLabTotalReePpmMol(lab).setPredictedTotalReePpmMol(predicted)
                .setP05TotalReePpmMol(predicted * 0.8).setP95TotalReePpmMol(predicted * 1.2)
                .setAbsoluteErrorPpmMol(Math.abs(predicted - lab)).setRelativeErrorPct((predicted - lab) / lab * 100)
                .setInsideInterval90(inside).setIntervalWidthPct(40).setThresholdTotalReePpmMol(157)
                .setProbTotalAtOrAboveThreshold(0.5).setAlertProbability(0.5).setOutcome(ScreeningOutcome.UNKNOWN)
                .setPredictedAt(at).setLabResultAt(at).setComparedAt(at).build();
    }
}
