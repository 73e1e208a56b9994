package io.reescreen.retrainer.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Champion against challenger on the same held-out examples.
 *
 * @param championMaeOverMeanPct   pooled over every held-out row of every repetition: sum |error| / sum truth of
 *                                 total REE, in % (the definition the paper's figures use)
 * @param challengerMaeOverMeanPct the same for challengers trained without those rows
 * @param heldOutRows              rows scored per model, all repetitions together
 * @param reason                   why it was accepted or rejected, for people
 */
public record GateDecision(boolean accepted, double championMaeOverMeanPct, double challengerMaeOverMeanPct,
                           int repetitions, int heldOutRows, double margin, String method, String reason) {

    /** The figures as release metrics (unit-suffixed names). */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("gate_champion_mae_over_mean_total_ree_pct", championMaeOverMeanPct);
        m.put("gate_challenger_mae_over_mean_total_ree_pct", challengerMaeOverMeanPct);
        m.put("gate_held_out_rows_count", (double) heldOutRows);
        m.put("gate_repetitions_count", (double) repetitions);
        m.put("gate_margin_fraction", margin);
        return m;
    }
}
