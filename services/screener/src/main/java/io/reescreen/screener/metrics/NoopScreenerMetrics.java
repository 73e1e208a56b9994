package io.reescreen.screener.metrics;

import io.reescreen.screener.lotinfo.LotDlqReason;
import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.screener.deadletter.DlqReason;

/** Metrics that go nowhere. */
final class NoopScreenerMetrics implements ScreenerMetrics {

    static final NoopScreenerMetrics INSTANCE = new NoopScreenerMetrics();

    private NoopScreenerMetrics() {
    }

    @Override
    public void readingReceived() {
    }

    @Override
    public void readingDeadLettered(DlqReason reason) {
    }

    @Override
    public void duplicateReading() {
    }

    @Override
    public void compositionUpdated() {
    }

    @Override
    public void predictionMade(long latencyNanos) {
    }

    @Override
    public void predictionFailed() {
    }

    @Override
    public void alertRaised(AlertTransition transition) {
    }

    @Override
    public void releaseAccepted(ReleaseAction action) {
    }

    @Override
    public void releaseRejected(ReleaseRejection reason) {
    }

    @Override
    public void recordSkipped(String stage) {
    }

    @Override
    public void lotInfoReceived() {
    }

    @Override
    public void lotInfoDeadLettered(LotDlqReason reason) {
    }

    @Override
    public void lotSitesMixed() {
    }
}
