package io.reescreen.bench.sites;

import io.reescreen.simulator.lab.SimulatedLabResult;
import java.util.ArrayList;
import java.util.List;

/** In what order the sites' lab results reach lab.results. */
public enum ArrivalOrder {
    /** The sites' results mixed, one of each site in turn, all sent at once. */
    INTERLEAVED("interleaved"),
    /**
     * One site's results, then the next site's once the retrainer has judged what the first ones triggered: labs
     * reporting site by site.
     */
    SITE_BY_SITE("site by site");

    private final String label;

    ArrivalOrder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The results as sent: batches, each sent at once and followed by the attempts it triggers before the next.
     *
     * @param sites the sites in the order they report
     */
    public List<List<SimulatedLabResult>> batches(List<SimulatedLabResult> results, List<String> sites) {
        List<List<SimulatedLabResult>> bySite = new ArrayList<>();
        for (String site : sites) {
            bySite.add(results.stream().filter(r -> r.siteId().equals(site)).toList());
        }
        if (this == SITE_BY_SITE) {
            return bySite;
        }
        List<SimulatedLabResult> mixed = new ArrayList<>();
        int longest = bySite.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<SimulatedLabResult> site : bySite) {
                if (i < site.size()) {
                    mixed.add(site.get(i));
                }
            }
        }
        return List.of(mixed);
    }
}
