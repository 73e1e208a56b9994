package io.reescreen.retrainer.release;

import io.reescreen.retrainer.training.GateDecision;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.RetrainingAttempt;
import java.util.Optional;

/** A retraining attempt as the record on models.attempts, and back (a restarted retrainer's history). */
public final class AttemptRecords {

    private AttemptRecords() {
    }

    public static RetrainingAttempt of(String modelName, RetrainingOutcome o) {
        GateDecision d = o.decision();
        return RetrainingAttempt.newBuilder()
                .setModelName(modelName)
                .setAttemptedAt(o.at())
                .setTrigger(o.trigger())
                .setExampleCount(o.examples())
                .setChampionVersion(o.championVersion())
                .setAccepted(d.accepted())
                .setMethod(d.method())
                .setChampionMaeOverMeanTotalReePct(finite(d.championMaeOverMeanPct()))
                .setChallengerMaeOverMeanTotalReePct(finite(d.challengerMaeOverMeanPct()))
                .setHeldOutRowCount(d.heldOutRows())
                .setRepetitionCount(d.repetitions())
                .setGateMarginFraction(d.margin())
                .setReason(d.reason())
                .setPublishedVersion(o.publishedVersion().orElse(null))
                .setFailure(o.failure().orElse(null))
                .setSiteId(o.siteId().orElse(null))
                .build();
    }

    public static RetrainingOutcome outcome(RetrainingAttempt a) {
        GateDecision decision = new GateDecision(a.getAccepted(), orNaN(a.getChampionMaeOverMeanTotalReePct()),
                orNaN(a.getChallengerMaeOverMeanTotalReePct()), a.getRepetitionCount(), a.getHeldOutRowCount(),
                a.getGateMarginFraction(), a.getMethod(), a.getReason());
        return new RetrainingOutcome(a.getAttemptedAt(), a.getTrigger(), a.getExampleCount(), a.getChampionVersion(),
                decision, Optional.ofNullable(a.getPublishedVersion()), Optional.ofNullable(a.getFailure()),
                Optional.ofNullable(a.getSiteId()));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
