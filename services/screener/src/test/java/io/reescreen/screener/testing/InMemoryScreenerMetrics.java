package io.reescreen.screener.testing;

import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.screener.lotinfo.LotDlqReason;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.deadletter.DlqReason;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters in memory, readable at any time, for tests (the service counts with MicrometerScreenerMetrics).
 * Counter names are stable strings ({@code readings.dlq.MISSING_ANALYTE}, {@code releases.rejected.CHECKSUM_MISMATCH},
 * ...), so a snapshot can be printed or compared as a map.
 */
public final class InMemoryScreenerMetrics implements ScreenerMetrics {

    public static final String READINGS_RECEIVED = "readings.received";
    public static final String READINGS_DUPLICATE = "readings.duplicate";
    public static final String COMPOSITIONS = "compositions.updated";
    public static final String PREDICTIONS = "predictions";
    public static final String PREDICTIONS_FAILED = "predictions.failed";
    public static final String LOTS_RECEIVED = "lots.received";
    public static final String LOTS_SITES_MIXED = "lots.sites.mixed";

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyTotalNanos = new LongAdder();
    private final LongAccumulator latencyMaxNanos = new LongAccumulator(Math::max, 0);

    public static String dlqCounter(DlqReason reason) {
        return "readings.dlq." + reason.name();
    }

    public static String lotDlqCounter(LotDlqReason reason) {
        return "lots.dlq." + reason.name();
    }

    public static String alertCounter(AlertTransition transition) {
        return "alerts." + transition.name();
    }

    public static String releaseAcceptedCounter(ReleaseAction action) {
        return "releases.accepted." + action.name();
    }

    public static String releaseRejectedCounter(ReleaseRejection reason) {
        return "releases.rejected." + reason.name();
    }

    public static String releaseNotServedCounter(ReleaseRejection reason) {
        return "releases.not.served." + reason.name();
    }

    public static String productionErrorCounter(String reason, boolean dropped) {
        return "production.errors." + reason + (dropped ? ".dropped" : ".stopped");
    }

    public static String skippedCounter(String stage) {
        return "records.skipped." + stage;
    }

    /** The value of one counter (0 when it never moved). */
    public long count(String counter) {
        LongAdder adder = counters.get(counter);
        return adder == null ? 0 : adder.sum();
    }

    /** The sum of every counter whose name starts with {@code prefix}, e.g. {@code "readings.dlq."}. */
    public long countPrefix(String prefix) {
        return counters.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Every counter, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((name, adder) -> out.put(name, adder.sum()));
        return out;
    }

    public long predictionLatencyCount() {
        return latencyCount.sum();
    }

    /** Mean model-call latency, ms (0 before the first prediction). */
    public double predictionLatencyMeanMs() {
        long n = latencyCount.sum();
        return n == 0 ? 0 : latencyTotalNanos.sum() / 1e6 / n;
    }

    public double predictionLatencyMaxMs() {
        return latencyMaxNanos.get() / 1e6;
    }

    private void increment(String counter) {
        counters.computeIfAbsent(counter, c -> new LongAdder()).increment();
    }

    @Override
    public void readingReceived() {
        increment(READINGS_RECEIVED);
    }

    @Override
    public void readingDeadLettered(DlqReason reason) {
        increment(dlqCounter(reason));
    }

    @Override
    public void duplicateReading() {
        increment(READINGS_DUPLICATE);
    }

    @Override
    public void compositionUpdated() {
        increment(COMPOSITIONS);
    }

    @Override
    public void predictionMade(long latencyNanos) {
        increment(PREDICTIONS);
        latencyCount.increment();
        latencyTotalNanos.add(latencyNanos);
        latencyMaxNanos.accumulate(latencyNanos);
    }

    @Override
    public void predictionFailed() {
        increment(PREDICTIONS_FAILED);
    }

    @Override
    public void alertRaised(AlertTransition transition) {
        increment(alertCounter(transition));
    }

    @Override
    public void releaseAccepted(ReleaseAction action) {
        increment(releaseAcceptedCounter(action));
    }

    @Override
    public void releaseRejected(ReleaseRejection reason) {
        increment(releaseRejectedCounter(reason));
    }

    @Override
    public void acceptedReleaseNotServed(ReleaseRejection reason) {
        increment(releaseNotServedCounter(reason));
    }

    @Override
    public void recordSkipped(String stage) {
        increment(skippedCounter(stage));
    }

    @Override
    public void productionError(String reason, boolean dropped) {
        increment(productionErrorCounter(reason, dropped));
    }

    @Override
    public void lotInfoReceived() {
        increment(LOTS_RECEIVED);
    }

    @Override
    public void lotInfoDeadLettered(LotDlqReason reason) {
        increment(lotDlqCounter(reason));
    }

    @Override
    public void lotSitesMixed() {
        increment(LOTS_SITES_MIXED);
    }

    @Override
    public String toString() {
        return "InMemoryScreenerMetrics" + snapshot();
    }
}
