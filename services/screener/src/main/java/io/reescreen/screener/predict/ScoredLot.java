package io.reescreen.screener.predict;

import io.reescreen.schemas.ReePrediction;
import java.util.Objects;

/**
 * A prediction with what the alert needs beyond it: the lot's site and the reading that triggered the update.
 *
 * @param siteId        nullable (the lot may have no metadata)
 * @param lastReadingId the reading whose arrival produced this prediction
 */
public record ScoredLot(ReePrediction prediction, String siteId, String lastReadingId) {

    public ScoredLot {
        Objects.requireNonNull(prediction, "prediction");
    }
}
