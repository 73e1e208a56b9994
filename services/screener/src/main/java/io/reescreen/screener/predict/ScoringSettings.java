package io.reescreen.screener.predict;

import io.reescreen.model.predict.PredictionSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How lots are scored: the screening threshold, the Monte-Carlo draws, and how often a changed lot is scored.
 * Checked where it is configured ({@code settings.ScreenerSettings}, keys {@code reescreen.screener.threshold.*} and
 * {@code reescreen.screener.prediction.*}).
 *
 * @param threshold            screening threshold on total REE, in {@code thresholdUnit}
 * @param noiseSamples         Monte-Carlo input draws per ensemble member
 * @param defaultRelativeSigma 1-sigma assumed for inputs that report none, fraction of the value
 * @param seed                 fixes the Monte-Carlo draws, so a replay gives the same predictions
 * @param interval             zero: every lot update is scored as it comes; positive: each changed lot once per
 *                             interval of wall-clock time (see {@link LotPredictor})
 * @param backlogInterval      with a positive {@code interval}: while the screener is behind its input
 *                             ({@link Backlog}), each changed lot once per this longer interval; zero never waits longer
 */
public record ScoringSettings(double threshold, ThresholdUnit thresholdUnit, int noiseSamples,
                              double defaultRelativeSigma, long seed, Duration interval, Duration backlogInterval) {

    public ScoringSettings {
        Objects.requireNonNull(thresholdUnit, "thresholdUnit");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(backlogInterval, "backlogInterval");
    }

    /** The library's prediction settings for a threshold already in ppm mol. */
    public PredictionSettings predictionSettings(double thresholdPpmMol) {
        return new PredictionSettings(noiseSamples, thresholdPpmMol, defaultRelativeSigma, seed);
    }
}
