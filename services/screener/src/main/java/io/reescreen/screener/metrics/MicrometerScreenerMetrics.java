package io.reescreen.screener.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.reescreen.model.ensemble.ModelDevice;
import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.screener.reasons.ProductionErrorReason;
import io.reescreen.screener.reasons.LotDlqReason;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.screener.serving.ModelSource;
import io.reescreen.screener.reasons.DlqReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screener's hooks as Micrometer meters (scraped at {@code /prometheus}). Every counter that takes a reason, an
 * action or a transition is registered up front for every value, so a Prometheus series exists at 0 before the first
 * event. Names (Prometheus form in brackets):
 * <ul>
 *   <li>{@value #READINGS_RECEIVED} [{@code reescreen_screener_readings_received_total}]</li>
 *   <li>{@value #READINGS_DLQ} tag {@code reason} [{@code reescreen_screener_readings_dlq_total}]</li>
 *   <li>{@value #READINGS_DUPLICATE}, {@value #COMPOSITIONS_UPDATED}</li>
 *   <li>{@value #PREDICTIONS}, {@value #PREDICTIONS_FAILED}</li>
 *   <li>{@value #PREDICTION_LATENCY} timer, the model call alone
 *       [{@code reescreen_screener_prediction_latency_seconds_count/_sum/_max}]</li>
 *   <li>{@value #ALERTS} tag {@code transition}</li>
 *   <li>{@value #RELEASES_ACCEPTED} tag {@code action}; {@value #RELEASES_REJECTED} tag {@code reason}</li>
 *   <li>{@value #RECORDS_SKIPPED} tag {@code stage} (exception handlers)</li>
 *   <li>{@value #PRODUCTION_ERRORS} tags {@code reason} ({@code ProductionErrorReason}) and {@code outcome}
 *       ({@code dropped}: the stream went on; {@code stopped}: the stream thread was told to stop)</li>
 *   <li>{@value #LOTS_RECEIVED}, {@value #LOTS_DLQ} tag {@code reason} ({@code LotDlqReason}),
 *       {@value #LOTS_SITES_MIXED} (lots whose composition mixes shots of several sites)</li>
 *   <li>{@value #MODEL_INFO} gauge, 1 for the model in force, tags {@code model_name}, {@code version},
 *       {@code bootstrap}; {@value #MODEL_SERVED_SINCE} gauge (seconds since the epoch)</li>
 * </ul>
 * Thread-safe and never throws (a metrics failure is logged once and ignored): the topology calls it from every
 * stream thread and the global thread.
 */
public final class MicrometerScreenerMetrics implements ScreenerMetrics {

    public static final String PREFIX = "reescreen.screener.";
    public static final String READINGS_RECEIVED = PREFIX + "readings.received";
    public static final String READINGS_DLQ = PREFIX + "readings.dlq";
    public static final String READINGS_DUPLICATE = PREFIX + "readings.duplicate";
    public static final String COMPOSITIONS_UPDATED = PREFIX + "compositions.updated";
    public static final String PREDICTIONS = PREFIX + "predictions";
    public static final String PREDICTIONS_FAILED = PREFIX + "predictions.failed";
    public static final String PREDICTION_LATENCY = PREFIX + "prediction.latency";
    public static final String ALERTS = PREFIX + "alerts";
    public static final String RELEASES_ACCEPTED = PREFIX + "releases.accepted";
    public static final String RELEASES_REJECTED = PREFIX + "releases.rejected";
    public static final String RELEASES_NOT_SERVED = PREFIX + "releases.not.served";
    public static final String MODEL_DISAGREEMENT = PREFIX + "model.disagreement";
    public static final String RECORDS_SKIPPED = PREFIX + "records.skipped";
    public static final String PRODUCTION_ERRORS = PREFIX + "production.errors";
    public static final String LOTS_RECEIVED = PREFIX + "lots.received";
    public static final String LOTS_DLQ = PREFIX + "lots.dlq";
    public static final String LOTS_SITES_MIXED = PREFIX + "lots.sites.mixed";
    public static final String MODEL_INFO = PREFIX + "model.info";
    public static final String MODEL_SERVED_SINCE = PREFIX + "model.served.since";
    /** 1, tags {@code device} (cpu, gpu) and {@code requested} (auto, cpu, gpu): where the models run. */
    public static final String MODEL_DEVICE_INFO = "reescreen.model.device.info";
    /** One row per site model in force (tags model_name, site, version); the base stays on {@link #MODEL_INFO}. */
    public static final String SITE_MODEL_INFO = PREFIX + "site.model.info";

    /** The exception handlers' stages ({@link ScreenerMetrics#recordSkipped(String)}). */
    public static final List<String> SKIP_STAGES = List.of("deserialization", "processing", "production");

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerScreenerMetrics.class);

    private final MeterRegistry registry;
    private final ModelSource models;
    private final Counter readingsReceived;
    private final Counter readingsDuplicate;
    private final Counter compositionsUpdated;
    private final Counter predictions;
    private final Counter predictionsFailed;
    private final Timer predictionLatency;
    private final Map<DlqReason, Counter> dlq = new EnumMap<>(DlqReason.class);
    private final Counter lotsReceived;
    private final Counter lotsSitesMixed;
    private final Map<LotDlqReason, Counter> lotsDlq = new EnumMap<>(LotDlqReason.class);
    private final Map<AlertTransition, Counter> alerts = new EnumMap<>(AlertTransition.class);
    private final Map<ReleaseAction, Counter> accepted = new EnumMap<>(ReleaseAction.class);
    private final Map<ReleaseRejection, Counter> rejected = new EnumMap<>(ReleaseRejection.class);
    private final Map<ReleaseRejection, Counter> notServed = new EnumMap<>(ReleaseRejection.class);
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final Map<String, Counter> productionErrors = new ConcurrentHashMap<>();
    private final MultiGauge modelInfo;
    private final MultiGauge siteModelInfo;
    private volatile String gaugedVersion;
    private volatile String gaugedSites;
    private volatile boolean failureLogged;

    /**
     * @param models the model in force, for the model gauges (read, never changed)
     */
    public MicrometerScreenerMetrics(MeterRegistry registry, ModelSource models) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.models = Objects.requireNonNull(models, "models");
        readingsReceived = Counter.builder(READINGS_RECEIVED)
                .description("Records that arrived on xrf.readings, valid or not").register(registry);
        readingsDuplicate = Counter.builder(READINGS_DUPLICATE)
                .description("Readings whose readingId the lot had already counted (skipped)").register(registry);
        compositionsUpdated = Counter.builder(COMPOSITIONS_UPDATED)
                .description("Lot compositions published to lot.compositions").register(registry);
        predictions = Counter.builder(PREDICTIONS)
                .description("Predictions published to ree.predictions").register(registry);
        predictionsFailed = Counter.builder(PREDICTIONS_FAILED)
                .description("Lots the model failed on (composition published, no prediction)").register(registry);
        predictionLatency = Timer.builder(PREDICTION_LATENCY)
                .description("Model call per lot update (ensemble x input noise, attributions)").register(registry);
        for (DlqReason reason : DlqReason.values()) {
            dlq.put(reason, Counter.builder(READINGS_DLQ).tag("reason", reason.name())
                    .description("Readings sent to xrf.readings.dlq, by reason").register(registry));
        }
        lotsReceived = Counter.builder(LOTS_RECEIVED)
                .description("Records that arrived on lots, valid or not").register(registry);
        lotsSitesMixed = Counter.builder(LOTS_SITES_MIXED)
                .description("Lots whose composition took shots of another site (metadata changed site mid-lot)")
                .register(registry);
        for (LotDlqReason reason : LotDlqReason.values()) {
            lotsDlq.put(reason, Counter.builder(LOTS_DLQ).tag("reason", reason.name())
                    .description("Lots records sent to lots.dlq, by reason").register(registry));
        }
        for (AlertTransition transition : AlertTransition.values()) {
            alerts.put(transition, Counter.builder(ALERTS).tag("transition", transition.name())
                    .description("Verdict transitions published to ree.alerts").register(registry));
        }
        for (ReleaseAction action : ReleaseAction.values()) {
            accepted.put(action, Counter.builder(RELEASES_ACCEPTED).tag("action", action.name())
                    .description("Model releases loaded and now served").register(registry));
        }
        for (ReleaseRejection reason : ReleaseRejection.values()) {
            rejected.put(reason, Counter.builder(RELEASES_REJECTED).tag("reason", reason.name())
                    .description("Model releases refused; the model in force kept serving").register(registry));
        }
        for (ReleaseRejection reason : ReleaseRejection.values()) {
            notServed.put(reason, Counter.builder(RELEASES_NOT_SERVED).tag("reason", reason.name())
                    .description("Accepted releases (models.served) this instance could not serve: it disagrees with "
                            + "the others until a release it can serve arrives").register(registry));
        }
        Gauge.builder(MODEL_DISAGREEMENT, models, m -> m.disagreesAnywhere() ? 1.0 : 0.0)
                .description("1 while this instance serves something else than the accepted release").register(registry);
        SKIP_STAGES.forEach(this::skippedCounter);
        for (ProductionErrorReason reason : ProductionErrorReason.values()) {
            productionErrorCounter(reason.tag(), true);
            productionErrorCounter(reason.tag(), false);
        }
        modelInfo = MultiGauge.builder(MODEL_INFO)
                .description("1 for the model in force; its name and version are tags").register(registry);
        siteModelInfo = MultiGauge.builder(SITE_MODEL_INFO)
                .description("1 for each site's own model in force; its name, site and version are tags")
                .register(registry);
        Gauge.builder(MODEL_SERVED_SINCE, models, m -> m.info().servedSinceMs() / 1000.0)
                .description("When the model in force started serving").baseUnit("seconds").register(registry);
        refreshModel();
    }

    /** The model device gauge ({@value #MODEL_DEVICE_INFO}), fixed for the process's life. */
    public void gaugeDevice(ModelDevice device) {
        Gauge.builder(MODEL_DEVICE_INFO, () -> 1).tags("device", device.deviceLabel(), "requested",
                device.requested().label()).description("1; where the models run, and what was requested").register(registry);
    }

    /** Re-tags the model gauges if a model in force changed (a swap, or a withdrawal back to the bootstrap or base). */
    public void refreshModel() {
        try {
            ModelInfo info = models.info();
            String key = info.modelName() + " " + info.version();
            if (!key.equals(gaugedVersion)) {
                gaugedVersion = key;
                modelInfo.register(List.of(MultiGauge.Row.of(Tags.of("model_name", info.modelName(),
                        "version", info.version(), "bootstrap", Boolean.toString(info.isBootstrap())), 1)), true);
            }
            Map<String, ModelInfo> sites = models.siteModels();
            String siteKey = sites.values().stream().map(i -> i.siteId() + " " + i.modelName() + " " + i.version())
                    .toList().toString();
            if (!siteKey.equals(gaugedSites)) {
                gaugedSites = siteKey;
                siteModelInfo.register(sites.values().stream().map(i -> MultiGauge.Row.of(Tags.of("model_name",
                        i.modelName(), "site", i.siteId(), "version", i.version()), 1)).toList(), true);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Releases refused since start, all reasons. */
    public long releasesRejected() {
        return rejected.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    /** Releases refused since start, by reason (reasons that never happened are left out). */
    public Map<String, Long> releasesRejectedByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        rejected.forEach((reason, c) -> {
            if (c.count() > 0) {
                out.put(reason.name(), (long) c.count());
            }
        });
        return out;
    }

    /** Releases accepted since start, all actions. */
    public long releasesAccepted() {
        return accepted.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void readingReceived() {
        increment(readingsReceived);
    }

    @Override
    public void readingDeadLettered(DlqReason reason) {
        increment(reason == null ? null : dlq.get(reason));
    }

    @Override
    public void lotInfoReceived() {
        increment(lotsReceived);
    }

    @Override
    public void lotInfoDeadLettered(LotDlqReason reason) {
        increment(reason == null ? null : lotsDlq.get(reason));
    }

    @Override
    public void lotSitesMixed() {
        increment(lotsSitesMixed);
    }

    @Override
    public void duplicateReading() {
        increment(readingsDuplicate);
    }

    @Override
    public void compositionUpdated() {
        increment(compositionsUpdated);
    }

    @Override
    public void predictionMade(long latencyNanos) {
        try {
            predictions.increment();
            predictionLatency.record(Math.max(0, latencyNanos), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            failed(e);
        }
        refreshModel();
    }

    @Override
    public void predictionFailed() {
        increment(predictionsFailed);
    }

    @Override
    public void alertRaised(AlertTransition transition) {
        increment(transition == null ? null : alerts.get(transition));
    }

    @Override
    public void releaseAccepted(ReleaseAction action) {
        increment(action == null ? null : accepted.get(action));
        refreshModel();
    }

    @Override
    public void releaseRejected(ReleaseRejection reason) {
        increment(reason == null ? null : rejected.get(reason));
    }

    @Override
    public void acceptedReleaseNotServed(ReleaseRejection reason) {
        increment(reason == null ? null : notServed.get(reason));
    }

    @Override
    public void recordSkipped(String stage) {
        try {
            skippedCounter(stage == null ? "unknown" : stage).increment();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void productionError(String reason, boolean dropped) {
        try {
            productionErrorCounter(reason == null ? "unknown" : reason, dropped).increment();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private Counter productionErrorCounter(String reason, boolean dropped) {
        String outcome = dropped ? "dropped" : "stopped";
        return productionErrors.computeIfAbsent(reason + " " + outcome, k -> Counter.builder(PRODUCTION_ERRORS)
                .tag("reason", reason).tag("outcome", outcome)
                .description("Output records that could not be written, by reason; dropped (the stream went on) or "
                        + "stopped (the stream thread was told to stop)").register(registry));
    }

    private Counter skippedCounter(String stage) {
        return skipped.computeIfAbsent(stage, s -> Counter.builder(RECORDS_SKIPPED).tag("stage", s)
                .description("Records skipped by the Kafka Streams exception handlers, by stage").register(registry));
    }

    private void increment(Counter counter) {
        if (counter == null) {
            return;
        }
        try {
            counter.increment();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("a screener metric could not be recorded (further failures are not logged)", e);
        }
    }
}
