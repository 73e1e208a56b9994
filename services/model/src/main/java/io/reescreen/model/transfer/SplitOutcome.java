package io.reescreen.model.transfer;

import io.reescreen.model.evaluation.HoldOutScores;

/**
 * One split of the transfer protocol: the base model's scores on the test rows before transfer (zero-shot),
 * after transfer, and how long the transfer took.
 */
public record SplitOutcome(SiteSplit split, HoldOutScores zeroShot, HoldOutScores transferred, double transferSeconds) {
}
