package io.reescreen.screener.http;

import io.micronaut.context.annotation.Requires;
import io.reescreen.model.artifact.InvalidArtifactException;
import io.reescreen.model.ensemble.ModelDevice;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.release.ReleaseCheck;
import io.reescreen.release.ReleaseKey;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.serving.ModelInfo;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Describes the models in force for {@code GET /model} (the base, then each site's own): the bootstrap model from its artifact, a release from the
 * accepted record in the global {@code model-releases} store (its metrics with units, its note) and its artifact's
 * training summary.
 */
@Requires(beans = ServedStreams.class)
@Singleton
public class ModelDescriber {

    private final ServedStreams streams;
    private final CurrentModel models;
    private final BootstrapModel bootstrap;
    private final MicrometerScreenerMetrics metrics;
    private final ModelDevice device;
    /** The last release artifact decoded for its summary, by SHA-256 (releases are rare, decoding is cheap). */
    private volatile Map.Entry<String, ModelArtifact> decoded;

    public ModelDescriber(ServedStreams streams, CurrentModel models, BootstrapModel bootstrap,
                          MicrometerScreenerMetrics metrics, ModelDevice device) {
        this.streams = streams;
        this.device = device;
        this.models = models;
        this.bootstrap = bootstrap;
        this.metrics = metrics;
    }

    public ModelView describe() {
        ModelInfo info = models.info();
        metrics.refreshModel();
        List<ModelView.MetricView> metricViews = new ArrayList<>();
        Map<String, String> summary = new TreeMap<>();
        String source;
        String note = null;
        boolean synthetic;
        if (info.isBootstrap()) {
            ModelArtifact artifact = bootstrap.artifact();
            new TreeMap<>(artifact.metrics()).forEach((name, value) ->
                    metricViews.add(new ModelView.MetricView(name, value, null)));
            summary.putAll(artifact.trainingSummary());
            source = "bootstrap: " + bootstrap.source();
            synthetic = bootstrap.synthetic();
        } else {
            Optional<ModelRelease> release = acceptedRelease(info);
            release.ifPresent(r -> r.getMetrics().forEach(m ->
                    metricViews.add(new ModelView.MetricView(m.getName(), m.getValue(), m.getUnit()))));
            Optional<ModelArtifact> artifact = release.flatMap(r -> artifactOf(r, info.artifactSha256()));
            artifact.ifPresent(a -> summary.putAll(a.trainingSummary()));
            source = "release " + info.action() + release.map(r -> " created " + r.getCreatedAt()).orElse("")
                    + " on models.served";
            note = release.map(ModelRelease::getNote).orElse(null);
            synthetic = Boolean.parseBoolean(summary.getOrDefault("synthetic", "false"));
        }
        return new ModelView(info.modelName(), info.version(), info.isBootstrap(), synthetic, info.parentVersion(),
                info.action() == null ? null : info.action().name(), info.artifactSha256(), info.features().formulas(),
                info.ensembleMembers(), Instant.ofEpochMilli(info.servedSinceMs()).toString(), info.servedSinceMs(),
                source, metricViews, summary, note, metrics.releasesAccepted(), metrics.releasesRejected(),
                metrics.releasesRejectedByReason(), models.disagreement().orElse(null), siteViews(),
                device.deviceLabel(), device.requested().label());
    }

    private List<ModelView.SiteModelView> siteViews() {
        List<ModelView.SiteModelView> out = new ArrayList<>();
        models.siteModels().forEach((site, info) -> {
            Optional<ModelRelease> release = acceptedRelease(info);
            List<ModelView.MetricView> metricViews = new ArrayList<>();
            release.ifPresent(r -> r.getMetrics().forEach(m ->
                    metricViews.add(new ModelView.MetricView(m.getName(), m.getValue(), m.getUnit()))));
            out.add(new ModelView.SiteModelView(site, keyOf(info).toString(), info.version(), info.parentVersion(),
                    info.action() == null ? null : info.action().name(), info.artifactSha256(),
                    Instant.ofEpochMilli(info.servedSinceMs()).toString(), info.servedSinceMs(), metricViews,
                    release.map(ModelRelease::getNote).orElse(null), models.siteDisagreement(site).orElse(null)));
        });
        return out;
    }

    private static ReleaseKey keyOf(ModelInfo info) {
        return info.siteId() == null ? ReleaseKey.base(info.modelName()) : ReleaseKey.site(info.modelName(), info.siteId());
    }

    private Optional<ModelRelease> acceptedRelease(ModelInfo info) {
        try {
            ReadOnlyKeyValueStore<String, ModelRelease> store = streams.streams().store(StoreQueryParameters
                    .fromNameAndType(StoreNames.MODEL_RELEASES, QueryableStoreTypes.keyValueStore()));
            ModelRelease release = store.get(keyOf(info).toString());
            return release != null && info.version().equals(release.getVersion()) ? Optional.of(release)
                    : Optional.empty();
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    private Optional<ModelArtifact> artifactOf(ModelRelease release, String sha256) {
        Map.Entry<String, ModelArtifact> cached = decoded;
        if (cached != null && cached.getKey().equalsIgnoreCase(sha256)) {
            return Optional.of(cached.getValue());
        }
        byte[] bytes = ReleaseCheck.artifactBytes(release);
        try {
            ModelArtifact artifact = ModelArtifactCodec.decode(bytes);
            decoded = Map.entry(sha256, artifact);
            return Optional.of(artifact);
        } catch (InvalidArtifactException e) {
            return Optional.empty();
        }
    }
}
