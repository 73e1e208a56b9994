package io.reescreen.bench.sites;

import io.reescreen.retrainer.training.RetrainingOutcome;
import java.util.List;

/**
 * What one run of {@link SitesScenario} measured.
 *
 * @param baseVersion          the bootstrap (base) model both services started with
 * @param sites                per site, in the settings' order
 * @param attempts             the retrainer's attempts, oldest first
 * @param joinedLabResults     distinct lab results of the scenario's lots on training.examples
 * @param comparisons          records of the scenario's lots on models.performance
 * @param comparedLabResults   distinct lab results among those comparisons
 * @param comparedAreJoined    the compared lab results are exactly the joined ones
 * @param seconds              wall clock of the run, services' start included
 */
public record ScenarioOutcome(SitesScenario.Settings settings, String baseVersion, List<SiteOutcome> sites,
                              List<RetrainingOutcome> attempts, int joinedLabResults, int comparisons,
                              int comparedLabResults, boolean comparedAreJoined, double seconds) {

    public SiteOutcome site(String siteId) {
        return sites.stream().filter(s -> s.site().id().equals(siteId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no site " + siteId));
    }
}
