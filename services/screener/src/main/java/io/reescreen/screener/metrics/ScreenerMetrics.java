package io.reescreen.screener.metrics;

import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.screener.lotinfo.LotDlqReason;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.screener.deadletter.DlqReason;

/**
 * The screener's counters and its one timer, as hooks: the topology calls them, a metrics library (Micrometer,
 * later) implements them. Every method is called from stream threads and the global thread at once, so
 * implementations must be thread-safe and must not throw.
 */
public interface ScreenerMetrics {

    /** A record arrived on xrf.readings (valid or not). */
    void readingReceived();

    /** A reading went to the dead-letter topic. */
    void readingDeadLettered(DlqReason reason);

    /** A reading whose readingId the lot had already counted; it was skipped. */
    void duplicateReading();

    /** A lot's composition changed and was published. */
    void compositionUpdated();

    /** A prediction was published; {@code latencyNanos} is the model call alone. */
    void predictionMade(long latencyNanos);

    /** The model failed on a lot; the composition was still published, the prediction was not. */
    void predictionFailed();

    /** A verdict transition was published to ree.alerts. */
    void alertRaised(AlertTransition transition);

    /** A model release was loaded and is now served. */
    void releaseAccepted(ReleaseAction action);

    /** A model release was refused; the model in force keeps serving. */
    void releaseRejected(ReleaseRejection reason);

    /**
     * A release the gate accepted (models.served) could not be served by this instance, which keeps its model in force
     * and so may disagree with the others.
     */
    default void acceptedReleaseNotServed(ReleaseRejection reason) {
        releaseRejected(reason);
    }

    /**
     * A record was skipped by an exception handler ({@code stage}: deserialization, processing, production), after
     * being logged. Readings never get here: they go to the DLQ instead.
     */
    void recordSkipped(String stage);

    /**
     * An output record could not be written ({@code reason}: a {@code ProductionErrorReason} tag such as
     * {@code record_too_large}); {@code dropped}: the record was dropped and the stream went on, else the stream
     * thread was told to stop.
     */
    default void productionError(String reason, boolean dropped) {
    }
    /** A record arrived on lots (valid or not). */
    void lotInfoReceived();

    /** A lots record went to lots.dlq. */
    void lotInfoDeadLettered(LotDlqReason reason);

    /** A lot's composition took a shot from a second (third, ...) site: its metadata changed site mid-lot. */
    void lotSitesMixed();

    /** Discards everything: for tools and tests that do not care. */
    static ScreenerMetrics noop() {
        return NoopScreenerMetrics.INSTANCE;
    }
}
