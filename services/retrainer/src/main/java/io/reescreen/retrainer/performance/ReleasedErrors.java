package io.reescreen.retrainer.performance;

import io.reescreen.retrainer.follow.TopicFollower;
import io.reescreen.schemas.ModelMetric;
import io.reescreen.schemas.ModelRelease;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The MAE/mean of total REE each served release was released with, by version, from models.served: the gate's
 * figure for the challenger when the retrainer published it, else the training hold-out's. A version without either
 * (the bootstrap model, which is never on the topic) has none, and its drift is judged on coverage only.
 */
public final class ReleasedErrors implements TopicFollower.Handler {

    /** Release metric names holding MAE/mean of total REE in percent, the first found wins. */
    static final List<String> METRICS = List.of("gate_challenger_mae_over_mean_total_ree_pct",
            "test_mae_over_mean_total_pct");

    private final Deserializer<ModelRelease> releases;
    private final Map<String, Double> byVersion = new ConcurrentHashMap<>();

    public ReleasedErrors(Deserializer<ModelRelease> releases) {
        this.releases = Objects.requireNonNull(releases, "releases");
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, boolean history) {
        if (record.value() == null) {
            return;
        }
        remember(releases.deserialize(record.topic(), record.headers(), record.value()));
    }

    void remember(ModelRelease release) {
        for (String name : METRICS) {
            for (ModelMetric m : release.getMetrics()) {
                if (name.equals(m.getName()) && Double.isFinite(m.getValue())) {
                    byVersion.put(release.getVersion(), m.getValue());
                    return;
                }
            }
        }
    }

    /** Percent, if the version's release carried it. */
    public OptionalDouble of(String version) {
        Double pct = byVersion.get(version);
        return pct == null ? OptionalDouble.empty() : OptionalDouble.of(pct);
    }
}
