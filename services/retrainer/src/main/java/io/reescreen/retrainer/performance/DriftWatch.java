package io.reescreen.retrainer.performance;

import io.reescreen.schemas.DriftAlarm;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether each site's model has drifted: its rolling 90 % coverage below the floor, or its rolling MAE/mean above
 * the MAE/mean it was released with times a factor, once the window holds enough comparisons. An alarm is a change
 * of state (raised, then cleared), never repeated on every comparison. Thread-safe.
 */
public final class DriftWatch {

    private final PerformanceSettings settings;
    private final Map<String, DriftAlarm> raised = new HashMap<>();

    public DriftWatch(PerformanceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Judges a site on the figures of the model version that just made a comparison there.
     *
     * @param releasedMaeOverMeanPct the MAE/mean (percent) in that version's release metrics, if known
     * @return the alarm raised or cleared by this judgement; empty when the state did not change
     */
    public synchronized Optional<DriftAlarm> judge(String siteId, String modelVersion, String modelSiteId,
                                                   AccuracyFigures figures, OptionalDouble releasedMaeOverMeanPct,
                                                   long nowMs) {
        if (figures.comparisons() < settings.minComparisons()) {
            return Optional.empty();
        }
        String reason = breach(figures, releasedMaeOverMeanPct);
        boolean wasRaised = raised.containsKey(siteId);
        if ((reason != null) == wasRaised) {
            return Optional.empty();
        }
        DriftAlarm alarm = DriftAlarm.newBuilder()
                .setSiteId(siteId)
                .setModelVersion(modelVersion)
                .setModelSiteId(modelSiteId)
                .setRaised(reason != null)
                .setReason(reason != null ? reason : String.format(Locale.ROOT,
                        "back within the limits: coverage %.1f %% (floor %.1f %%), MAE/mean %.1f %%%s",
                        figures.coverage90Pct(), 100 * settings.coverageFloor(), figures.maeOverMeanPct(),
                        releasedMaeOverMeanPct.isPresent() ? String.format(Locale.ROOT, " (limit %.1f %%)",
                                releasedMaeOverMeanPct.getAsDouble() * settings.errorFactor()) : ""))
                .setComparisonCount(figures.comparisons())
                .setCoverage90Pct(figures.coverage90Pct())
                .setCoverageFloorPct(100 * settings.coverageFloor())
                .setMaeOverMeanPct(figures.maeOverMeanPct())
                .setReleasedMaeOverMeanPct(releasedMaeOverMeanPct.isPresent()
                        ? releasedMaeOverMeanPct.getAsDouble() : null)
                .setErrorFactor(settings.errorFactor())
                .setJudgedAt(Instant.ofEpochMilli(nowMs))
                .build();
        if (alarm.getRaised()) {
            raised.put(siteId, alarm);
        } else {
            raised.remove(siteId);
        }
        return Optional.of(alarm);
    }

    /** The alarm in force for a site, if raised. */
    public synchronized Optional<DriftAlarm> raised(String siteId) {
        return Optional.ofNullable(raised.get(siteId));
    }

    /** Count of sites with an alarm raised. */
    public synchronized int raisedCount() {
        return raised.size();
    }

    private String breach(AccuracyFigures f, OptionalDouble releasedPct) {
        if (f.coverage90Pct() < 100 * settings.coverageFloor()) {
            return String.format(Locale.ROOT, "90 %% interval coverage %.1f %% over the last %d comparisons is below "
                    + "the floor of %.1f %%", f.coverage90Pct(), f.comparisons(), 100 * settings.coverageFloor());
        }
        if (releasedPct.isPresent() && f.maeOverMeanPct() > releasedPct.getAsDouble() * settings.errorFactor()) {
            return String.format(Locale.ROOT, "MAE/mean %.1f %% over the last %d comparisons is above %.1f × the "
                    + "%.1f %% the model was released with", f.maeOverMeanPct(), f.comparisons(),
                    settings.errorFactor(), releasedPct.getAsDouble());
        }
        return null;
    }
}
