package io.reescreen.retrainer.performance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.reescreen.retrainer.follow.TopicFollower;
import io.reescreen.schemas.DriftAlarm;
import io.reescreen.schemas.ModelPerformance;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rolling figures and drift alarms, fed from models.performance (read from its beginning on every start, so
 * every instance shows every site, and the figures survive restarts). Comparisons already on the topic at start
 * rebuild the windows and the alarm state silently; only later ones publish an alarm, so a restart does not raise
 * again what was raised before it.
 */
public final class PerformanceBoard implements TopicFollower.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(PerformanceBoard.class);
    /** The tag value of lots without a site (tags cannot be null). */
    public static final String NO_SITE = "-";

    private final Deserializer<ModelPerformance> comparisons;
    private final RollingAccuracy rolling;
    private final DriftWatch drift;
    private final ReleasedErrors released;
    private final Consumer<DriftAlarm> alarms;
    private final MeterRegistry meters;
    private final Set<RollingAccuracy.Key> metered = ConcurrentHashMap.newKeySet();
    private final Set<String> meteredSites = ConcurrentHashMap.newKeySet();
    private volatile Map<RollingAccuracy.Key, AccuracyFigures> latest = Map.of();

    /** @param alarms publishes an alarm (models.drift) */
    public PerformanceBoard(PerformanceSettings settings, Deserializer<ModelPerformance> comparisons,
                            ReleasedErrors released, Consumer<DriftAlarm> alarms, MeterRegistry meters) {
        this.comparisons = Objects.requireNonNull(comparisons, "comparisons");
        this.rolling = new RollingAccuracy(settings.window());
        this.drift = new DriftWatch(settings);
        this.released = Objects.requireNonNull(released, "released");
        this.alarms = Objects.requireNonNull(alarms, "alarms");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, boolean history) {
        if (record.value() == null) {
            return;
        }
        add(comparisons.deserialize(record.topic(), record.headers(), record.value()), history, record.timestamp());
    }

    /** @param history the comparison was on the topic before this process started: no alarm is published for it */
    void add(ModelPerformance c, boolean history, long nowMs) {
        AccuracyFigures figures = rolling.add(c);
        latest = rolling.figures();
        meter(RollingAccuracy.Key.of(c));
        Optional<DriftAlarm> alarm = drift.judge(c.getSiteId(), c.getModelVersion(), c.getModelSiteId(), figures,
                released.of(c.getModelVersion()), nowMs);
        if (alarm.isEmpty() || history) {
            return;
        }
        DriftAlarm a = alarm.get();
        String site = site(a.getSiteId());
        if (a.getRaised()) {
            LOG.warn("DRIFT site {} model {}: {}", site, a.getModelVersion(), a.getReason());
        } else {
            LOG.info("drift cleared: site {} model {}: {}", site, a.getModelVersion(), a.getReason());
        }
        Counter.builder("reescreen.performance.drift.alarms").description("Drift alarms raised or cleared")
                .tags(Tags.of("site", site, "raised", String.valueOf(a.getRaised()))).register(meters).increment();
        alarms.accept(a);
    }

    /** Every (site, model version) and its rolling figures. */
    public Map<RollingAccuracy.Key, AccuracyFigures> figures() {
        return latest;
    }

    /** The alarm in force at a site, if raised. */
    public Optional<DriftAlarm> raised(String siteId) {
        return drift.raised(siteId);
    }

    public int window() {
        return rolling.window();
    }

    static String site(String siteId) {
        return siteId == null ? NO_SITE : siteId;
    }

    private void meter(RollingAccuracy.Key key) {
        if (metered.add(key)) {
            Tags tags = Tags.of("site", site(key.siteId()), "modelVersion", key.modelVersion());
            gauge("reescreen.performance.comparisons", "Comparisons in the rolling window", tags, key,
                    f -> f.comparisons());
            gauge("reescreen.performance.mae.over.mean.pct", "Rolling MAE/mean of total REE, percent", tags, key,
                    AccuracyFigures::maeOverMeanPct);
            gauge("reescreen.performance.mape.pct", "Rolling MAPE of total REE, percent", tags, key,
                    AccuracyFigures::mapePct);
            gauge("reescreen.performance.coverage90.pct", "Rolling share of lab values inside the 90 % interval, "
                    + "percent", tags, key, AccuracyFigures::coverage90Pct);
            gauge("reescreen.performance.interval.width.pct", "Rolling mean 90 % interval width, percent of the "
                    + "prediction", tags, key, AccuracyFigures::meanIntervalWidthPct);
            gauge("reescreen.performance.precision.pct", "Rolling precision at the threshold, percent", tags, key,
                    AccuracyFigures::precisionPct);
            gauge("reescreen.performance.recall.pct", "Rolling recall at the threshold, percent", tags, key,
                    AccuracyFigures::recallPct);
        }
        if (meteredSites.add(site(key.siteId()))) {
            Gauge.builder("reescreen.performance.drift.raised", this,
                    b -> b.raised(key.siteId()).isPresent() ? 1 : 0)
                    .description("1 while the site's drift alarm is raised").tag("site", site(key.siteId()))
                    .register(meters);
        }
    }

    private void gauge(String name, String description, Tags tags, RollingAccuracy.Key key,
                       ToDoubleFunction<AccuracyFigures> figure) {
        Gauge.builder(name, this, b -> {
            AccuracyFigures f = b.latest.get(key);
            return f == null ? Double.NaN : figure.applyAsDouble(f);
        }).description(description).tags(tags).register(meters);
    }
}
