package io.reescreen.screener.enrich;

import io.reescreen.schemas.AshOrigin;
import java.util.Objects;

/**
 * A valid reading, converted and joined with its lot's metadata: what the per-lot aggregate consumes. Lives only
 * inside the topology (never serialised).
 *
 * @param siteId    from LotInfo, null when the lot has none yet
 * @param ashOrigin from LotInfo, null when the lot has none yet
 */
public record EnrichedReading(String readingId, String analyzerId, String lotId, long sampledAtMs,
                              ShotComposition shot, String siteId, AshOrigin ashOrigin) {

    public EnrichedReading {
        Objects.requireNonNull(readingId, "readingId");
        Objects.requireNonNull(analyzerId, "analyzerId");
        Objects.requireNonNull(lotId, "lotId");
        Objects.requireNonNull(shot, "shot");
    }
}
