package io.reescreen.retrainer.http;

import io.micronaut.serde.annotation.Serdeable;
import io.reescreen.retrainer.training.GateDecision;
import io.reescreen.retrainer.training.RetrainingOutcome;

/**
 * One retraining attempt as JSON: when, why, on how many examples, the gate's figures (MAE/mean of total REE in %,
 * champion and challenger on the same held-out rows; null when there was nothing to judge) and the outcome;
 * {@code siteId}: the site whose model was attempted, null for the base model.
 */
@Serdeable
public record OutcomeView(String at, String trigger, int examples, String championVersion, boolean accepted,
                          String method, Double championMaeOverMeanPct, Double challengerMaeOverMeanPct,
                          int heldOutRows, int repetitions, double margin, String reason, String publishedVersion,
                          String failure, String siteId) {

    public static OutcomeView of(RetrainingOutcome o) {
        GateDecision d = o.decision();
        return new OutcomeView(o.at().toString(), o.trigger(), o.examples(), o.championVersion(), d.accepted(),
                d.method(), finite(d.championMaeOverMeanPct()), finite(d.challengerMaeOverMeanPct()), d.heldOutRows(),
                d.repetitions(), d.margin(), d.reason(), o.publishedVersion().orElse(null), o.failure().orElse(null),
                o.siteId().orElse(null));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
