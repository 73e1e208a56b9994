package io.reescreen.screener.validate;

import io.reescreen.model.units.ReadingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the validation stage accepts: the screener's settings it needs, and nothing else.
 *
 * @param earliestTimestamp      readings sampled or stamped earlier are refused (EARLY_TIMESTAMP)
 * @param maxFutureSkew          how far sampledAt may lie after the record timestamp / wall clock, and the record
 *                               timestamp after the wall clock (FUTURE_TIMESTAMP)
 * @param requireLotInfo         refuse readings of lots with no LotInfo (UNKNOWN_LOT)
 * @param readingPolicy          which missing or below-detection major oxides a reading may have
 * @param minPlausibleTotalWtPct lower bound of the oxide wt % total on ash basis (LOI counted when it is needed)
 * @param maxPlausibleTotalWtPct upper bound of the oxide wt % total on ash basis
 */
public record ValidationLimits(Instant earliestTimestamp, Duration maxFutureSkew, boolean requireLotInfo,
                               ReadingPolicy readingPolicy, double minPlausibleTotalWtPct,
                               double maxPlausibleTotalWtPct) {

    public ValidationLimits {
        Objects.requireNonNull(earliestTimestamp, "earliestTimestamp");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(readingPolicy, "readingPolicy");
    }
}
