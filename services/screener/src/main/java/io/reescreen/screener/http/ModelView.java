package io.reescreen.screener.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /model}: the models this instance serves: the base model (the top-level fields, as before site models)
 * and each site's own model ({@code sites}); a lot of a site not listed is scored with the base.
 *
 * @param bootstrap        true until a release is accepted (or after a withdrawal); the version then starts with
 *                         {@code bootstrap-}
 * @param synthetic        trained on synthetic data (the start-up model, or an artifact whose summary says so)
 * @param action           how it came into force (PUBLISH, PROMOTE, ROLLBACK); null for the bootstrap model
 * @param features         model inputs, each in mol % renormalised over the ten major oxides
 * @param servedSince      ISO-8601 UTC
 * @param source           where it came from, in words
 * @param metrics          evaluation results: the release's (with units) or the artifact's (unit in the name)
 * @param summary          the artifact's training summary (data set, rows, members, epochs, seed, ...)
 * @param releasesAccepted releases swapped in since this instance started
 * @param releasesRejected releases refused since this instance started (the model in force kept serving)
 * @param disagreement     null normally; otherwise the release accepted for every screener (models.served) that this
 *                         instance could not serve, and why: it serves {@code version} while others may serve that one
 * @param sites            each site's own model in force, by site id (empty: every lot is scored with the base)
 * @param device           where this instance's models run: {@code cpu} or {@code gpu}
 * @param deviceRequested  what {@code reescreen.model.device} asked for: {@code auto}, {@code cpu} or {@code gpu}
 */
@Serdeable
public record ModelView(String modelName, String version, boolean bootstrap, boolean synthetic, String parentVersion,
                        String action, String artifactSha256, List<String> features, int ensembleMembers,
                        String servedSince, long servedSinceEpochMs, String source, List<MetricView> metrics,
                        Map<String, String> summary, String note, long releasesAccepted, long releasesRejected,
                        Map<String, Long> releasesRejectedByReason, String disagreement, List<SiteModelView> sites,
                        String device, String deviceRequested) {

    /**
     * One site's own model in force.
     *
     * @param releaseKey   its key on models.releases / models.served ({@code name@site})
     * @param disagreement null normally; otherwise the site release accepted for every screener that this instance
     *                     could not serve, and why
     */
    @Serdeable
    public record SiteModelView(String siteId, String releaseKey, String version, String parentVersion, String action,
                                String artifactSha256, String servedSince, long servedSinceEpochMs,
                                List<MetricView> metrics, String note, String disagreement) {
    }

    /** @param unit as the release gives it; null where the metric's name ends in its unit (artifact metrics) */
    @Serdeable
    public record MetricView(String name, double value, String unit) {
    }
}
