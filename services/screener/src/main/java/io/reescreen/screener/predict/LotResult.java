package io.reescreen.screener.predict;

import io.reescreen.screener.lot.LotAggregate;
import java.util.Objects;

/**
 * What the predict stage publishes for a changed lot: its composition (always) and its prediction (unless the model
 * failed on it). Both come from the same aggregate, so a composition on lot.compositions and the prediction beside it
 * cover the same readings.
 *
 * @param lot    the lot's aggregate that was scored
 * @param scored null when the model failed on this lot (counted and logged; its next update tries again)
 */
public record LotResult(LotAggregate lot, ScoredLot scored) {

    public LotResult {
        Objects.requireNonNull(lot, "lot");
    }
}
