package io.reescreen.screener.lot;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an idle lot is kept in the screener's stores. Checked where it is configured
 * ({@code settings.ScreenerSettings}).
 *
 * @param maxIdle       a lot with no reading for longer than this (wall-clock time) leaves every lot store; zero keeps
 *                      lots forever
 * @param sweepInterval wall-clock time between two sweeps
 * @param sweepBatch    lots (and lot metadata entries) visited per sweep, so one sweep's work is bounded whatever the
 *                      store holds
 */
public record RetentionSettings(Duration maxIdle, Duration sweepInterval, int sweepBatch) {

    public RetentionSettings {
        Objects.requireNonNull(maxIdle, "maxIdle");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (maxIdle.isNegative()) {
            throw new IllegalArgumentException("lot retention must be >= 0 (0 keeps lots forever), got " + maxIdle);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("retention sweep interval must be > 0, got " + sweepInterval);
        }
        if (sweepBatch < 1) {
            throw new IllegalArgumentException("retention sweep batch must be >= 1, got " + sweepBatch);
        }
    }

    /** No lot ever expires. */
    public boolean keepsForever() {
        return maxIdle.isZero();
    }
}
