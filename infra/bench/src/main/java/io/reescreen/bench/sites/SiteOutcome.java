package io.reescreen.bench.sites;

import java.util.Optional;

/**
 * One site at the end of a scenario.
 *
 * @param site                 the site and its lab offset
 * @param before               the base model's predictions on the site's new lots (in-process, the screener's scoring)
 * @param after                the screener's predictions on the same lots, by the model in force for the site
 * @param versionInForce       the version that made {@code after}
 * @param ownModel             the site's own model in force (a site release), empty when the base serves the site
 * @param timeToNewModelS      seconds from the site's N-th lab result acknowledged by the broker to the first
 *                             prediction of one of the site's lots by a model released after it; NaN when none was
 * @param sameAsBaseExactly    every {@code after} prediction's total REE mean and interval equal the base model's to the bit
 */
public record SiteOutcome(Site site, SiteAccuracy before, SiteAccuracy after, String versionInForce,
                          Optional<String> ownModel, double timeToNewModelS, boolean sameAsBaseExactly) {
}
