package io.reescreen.screener.alert;

/**
 * The alert rule: when a lot becomes, and stops being, likely high. Checked where it is configured
 * ({@code settings.ScreenerSettings}, keys {@code reescreen.screener.alert.*}).
 *
 * @param probability     a lot is likely high when P(total >= threshold) reaches this
 * @param hysteresis      a likely-high lot stops being so only below {@code probability - hysteresis}, so a
 *                        probability hovering at the line does not flap
 * @param minReadings     no BECAME_LIKELY_HIGH alert before the lot has this many readings
 * @param topAttributions how many attributions an alert quotes
 */
public record AlertSettings(double probability, double hysteresis, int minReadings, int topAttributions) {
}
