package io.reescreen.screener.lot;

/**
 * How shots are weighted into a lot's mean composition. Checked where it is configured
 * ({@code settings.ScreenerSettings}).
 *
 * @param defaultRelativeSigma 1-sigma assumed for readings that report none, fraction of the value
 * @param minRelativeSigma     floor on a shot's sigma when weighting (a reported sigma of 0 would otherwise take all
 *                             the weight), fraction of the value
 */
public record AggregationSettings(double defaultRelativeSigma, double minRelativeSigma) {
}
