package io.reescreen.screener.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * {@code GET /lots/{lotId}}: what the screener holds for a lot, from the instance that owns its partition.
 *
 * @param servedBy    the {@code application.server} whose stores answered (or "local" without one)
 * @param lotInfo     the lot's metadata from the {@code lots} topic (LotInfo fields), null when none was published
 * @param composition the running composition (LotComposition fields: {@code shotCount}, {@code oxides[].meanMolPct},
 *                    ...), null before the first valid reading
 * @param prediction  the latest prediction (ReePrediction fields: {@code modelVersion}, {@code modelSiteId} (the site
 *                    whose model scored the lot, null for the base),
 *                    {@code outputs[].meanPpmMol}, {@code probTotalAtOrAboveThreshold}, ...), null before the first
 * @param verdict     the alert state, null before the first prediction
 */
@Serdeable
public record LotView(String lotId, String servedBy, Map<String, Object> lotInfo, Map<String, Object> composition,
                      Map<String, Object> prediction, VerdictView verdict) {

    /**
     * @param likelyHigh                  whether the lot stands as likely REE-rich (the last alert's direction)
     * @param probTotalAtOrAboveThreshold P(total REE >= threshold) behind the verdict, 0..1
     * @param readingCount                readings behind the verdict
     * @param updatedAt                   ISO-8601 UTC
     * @param lastAlertId                 the last alert raised for the lot (ree.alerts), null when none
     */
    @Serdeable
    public record VerdictView(boolean likelyHigh, double probTotalAtOrAboveThreshold, String modelVersion,
                              int readingCount, String updatedAt, String lastAlertId) {
    }
}
