package io.reescreen.retrainer.training;

import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.transfer.TransferSettings;
import java.util.Objects;

/**
 * How a challenger is made and judged.
 *
 * @param fullRetrainMinExamples from this many examples of all sites together (and those without a site) on, the
 *                               base model's challenger is trained from scratch on all of them and the sites' models
 *                               are re-transferred from it; below, the champion's output layer is transferred to
 *                               them (few lab results cannot support the whole network). A site's own model is
 *                               always a transfer
 * @param transfer               the transfer recipe (the model library's tuned defaults)
 * @param full                   the from-scratch recipe
 * @param gateRepetitions        stratified splits of the examples on which champion and challenger are compared
 * @param gateMargin             the challenger must have an MAE/mean of total REE at most (1 - margin) times the
 *                               champion's on the same held-out rows
 * @param minExamples            fewer examples than this make no challenger at all
 * @param seed                   fixes the splits
 */
public record RetrainingSettings(int fullRetrainMinExamples, TransferSettings transfer, TrainingRecipe full,
                                 int gateRepetitions, double gateMargin, int minExamples, long seed) {

    public RetrainingSettings {
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(full, "full");
        if (minExamples < 5 || fullRetrainMinExamples < minExamples || gateRepetitions < 1
                || !(gateMargin >= 0 && gateMargin < 1)) {
            throw new IllegalArgumentException("need minExamples >= 5, fullRetrainMinExamples >= minExamples, "
                    + "gateRepetitions >= 1 and 0 <= gateMargin < 1");
        }
    }

    /** Transfer below 200 examples, 5 comparisons, a 5 % margin, at least 10 examples. */
    public static RetrainingSettings defaults() {
        return new RetrainingSettings(200, TransferSettings.defaults(), TrainingRecipe.paper(), 5, 0.05, 10, 17L);
    }
}
