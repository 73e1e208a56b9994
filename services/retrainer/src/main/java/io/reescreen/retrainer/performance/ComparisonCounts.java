package io.reescreen.retrainer.performance;

import java.util.concurrent.atomic.AtomicLong;

/** What the comparison did with the examples it saw, for GET /performance and the metrics (this process only). */
public final class ComparisonCounts {

    private final AtomicLong compared = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final AtomicLong unpredicted = new AtomicLong();

    void compared() {
        compared.incrementAndGet();
    }

    void redelivered() {
        redelivered.incrementAndGet();
    }

    void unpredicted() {
        unpredicted.incrementAndGet();
    }

    /** Lab results compared with a served prediction. */
    public long comparedCount() {
        return compared.get();
    }

    /** Lab results already compared once (re-delivered), not compared again. */
    public long redeliveredCount() {
        return redelivered.get();
    }

    /** Lab results whose lot had no served prediction to compare with. */
    public long unpredictedCount() {
        return unpredicted.get();
    }
}
