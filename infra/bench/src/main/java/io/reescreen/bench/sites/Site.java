package io.reescreen.bench.sites;

import io.reescreen.simulator.lab.SiteOffsets;
import java.util.List;
import java.util.Objects;

/**
 * A site of the scenario and what its lab reads.
 *
 * @param id        the site id on the wire (LotInfo.siteId)
 * @param labOffset the lab finds this many times the synthetic truth there (dimensionless; 1.0: the truth)
 */
public record Site(String id, double labOffset) {

    public Site {
        Objects.requireNonNull(id, "id");
        if (!(labOffset > 0) || !Double.isFinite(labOffset)) {
            throw new IllegalArgumentException("labOffset must be positive and finite, got " + labOffset);
        }
    }

    /** Issue 12's three sites: YARD-A reads 0.75 x the truth, YARD-B 1.35 x, YARD-C the truth. */
    public static List<Site> issueTwelve() {
        return issueTwelve("");
    }

    /**
     * The same sites with {@code suffix} after each id: runs on one broker keep apart, since a retrainer takes every
     * example of its sites on training.examples, earlier runs' too.
     */
    public static List<Site> issueTwelve(String suffix) {
        return List.of(new Site(SiteOffsets.DEFAULT_LOW_SITE + suffix, SiteOffsets.DEFAULT_LOW_FACTOR),
                new Site(SiteOffsets.DEFAULT_OFFSET_SITE + suffix, SiteOffsets.DEFAULT_OFFSET_FACTOR),
                new Site(SiteOffsets.DEFAULT_TRUE_SITE + suffix, 1.0));
    }

    /** Whether the lab reads the truth here (the base model's own site). */
    public boolean unaffected() {
        return labOffset == 1.0;
    }
}
