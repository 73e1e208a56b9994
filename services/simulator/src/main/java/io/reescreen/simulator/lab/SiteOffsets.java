package io.reescreen.simulator.lab;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A systematic, multiplicative REE bias per site: the lab finds {@code factor × } the synthetic truth at that site.
 * It stands for what a model trained on the synthetic generator cannot know (a local mineralogy, a different
 * ash-handling history), so the model is consistently wrong there and a retrainer fed with lab results has
 * something real to learn. Sites not listed read the truth (factor 1.0).
 *
 * <p>The default, {@link #defaults()}, is a set, one factor per site of the XRF simulator's default lots
 * ({@code LotMix.DEFAULT_SITES}): YARD-A reads 0.75 × the truth, YARD-B 1.35 × and YARD-C the truth (1.0), so
 * per-site models have two sites that pull in opposite directions and one the base model already fits.
 */
public final class SiteOffsets {

    /** The site that reads high by default. */
    public static final String DEFAULT_OFFSET_SITE = "YARD-B";

    /** Its default factor: the lab finds 35 % more REE there than the synthetic truth. */
    public static final double DEFAULT_OFFSET_FACTOR = 1.35;

    /** The site that reads low by default. */
    public static final String DEFAULT_LOW_SITE = "YARD-A";

    /** Its default factor: the lab finds a quarter less REE there than the synthetic truth. */
    public static final double DEFAULT_LOW_FACTOR = 0.75;

    /** The site that reads the truth by default. */
    public static final String DEFAULT_TRUE_SITE = "YARD-C";

    private static final SiteOffsets NONE = new SiteOffsets(Map.of());
    private static final SiteOffsets DEFAULTS = new SiteOffsets(Map.of(DEFAULT_LOW_SITE, DEFAULT_LOW_FACTOR,
            DEFAULT_OFFSET_SITE, DEFAULT_OFFSET_FACTOR, DEFAULT_TRUE_SITE, 1.0));

    private final Map<String, Double> factors;

    private SiteOffsets(Map<String, Double> factors) {
        Map<String, Double> copy = new TreeMap<>();
        Objects.requireNonNull(factors, "factors").forEach((site, factor) -> {
            if (site == null || site.isBlank()) {
                throw new IllegalArgumentException("a site id must be non-blank, got '" + site + "'");
            }
            copy.put(site, requireFactor(site, factor));
        });
        this.factors = Map.copyOf(copy);
    }

    /** YARD-A at 0.75, YARD-B at 1.35, YARD-C (and every unlisted site) at 1.0. */
    public static SiteOffsets defaults() {
        return DEFAULTS;
    }

    /** Every site reads the truth. */
    public static SiteOffsets none() {
        return NONE;
    }

    /** The given factors (positive and finite); unlisted sites read 1.0. */
    public static SiteOffsets of(Map<String, Double> factors) {
        return new SiteOffsets(factors);
    }

    /** These offsets with {@code site} set to {@code factor}. */
    public SiteOffsets with(String site, double factor) {
        Map<String, Double> copy = new TreeMap<>(factors);
        copy.put(site, factor);
        return new SiteOffsets(copy);
    }

    /** The factor the lab applies at {@code siteId}: 1.0 where none is set. */
    public double factor(String siteId) {
        return factors.getOrDefault(Objects.requireNonNull(siteId, "siteId"), 1.0);
    }

    /** The sites with a factor set, and their factors (a factor of exactly 1.0 may be listed too). */
    public Map<String, Double> factors() {
        return factors;
    }

    private static double requireFactor(String site, Double factor) {
        if (factor == null || !Double.isFinite(factor) || factor <= 0) {
            throw new IllegalArgumentException("the offset of site " + site + " must be a positive finite factor, got "
                    + factor);
        }
        return factor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteOffsets other && factors.equals(other.factors);
    }

    @Override
    public int hashCode() {
        return factors.hashCode();
    }

    @Override
    public String toString() {
        return "SiteOffsets" + new TreeMap<>(factors);
    }
}
