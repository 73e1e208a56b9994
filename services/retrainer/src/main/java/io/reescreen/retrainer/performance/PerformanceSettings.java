package io.reescreen.retrainer.performance;

/**
 * How realised accuracy is rolled and judged.
 *
 * @param window           comparisons kept per (site, model version)
 * @param coverageFloor    the drift alarm rises when a site's rolling 90 % coverage falls below this fraction (0..1)
 * @param errorFactor      ... or when its rolling MAE/mean exceeds the model's released MAE/mean times this
 * @param minComparisons   comparisons needed in the window before a site is judged
 * @param alertProbability a lot is screened as likely high when P(total >= threshold) reaches this (the screener's
 *                         {@code reescreen.screener.alert.probability}, default 0.5)
 */
public record PerformanceSettings(int window, double coverageFloor, double errorFactor, int minComparisons,
                                  double alertProbability) {

    public static final String PREFIX = "reescreen.performance.";
    public static final String WINDOW = PREFIX + "window";
    public static final String COVERAGE_FLOOR = PREFIX + "coverage-floor";
    public static final String ERROR_FACTOR = PREFIX + "error-factor";
    public static final String MIN_COMPARISONS = PREFIX + "min-comparisons";
    public static final String ALERT_PROBABILITY = PREFIX + "alert-probability";

    public PerformanceSettings {
        if (window < 1) {
            throw new IllegalArgumentException(WINDOW + " must be at least 1, got " + window);
        }
        if (!(coverageFloor >= 0 && coverageFloor <= 1)) {
            throw new IllegalArgumentException(COVERAGE_FLOOR + " must be a fraction in 0..1, got " + coverageFloor);
        }
        if (!(errorFactor > 0)) {
            throw new IllegalArgumentException(ERROR_FACTOR + " must be above 0, got " + errorFactor);
        }
        if (minComparisons < 1 || minComparisons > window) {
            throw new IllegalArgumentException(MIN_COMPARISONS + " must be in 1.." + WINDOW + " (" + window + "), got "
                    + minComparisons);
        }
        if (!(alertProbability > 0 && alertProbability <= 1)) {
            throw new IllegalArgumentException(ALERT_PROBABILITY + " must be in (0, 1], got " + alertProbability);
        }
    }

    public static PerformanceSettings defaults() {
        return new PerformanceSettings(50, 0.70, 1.5, 10, 0.5);
    }
}
