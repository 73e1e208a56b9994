package io.reescreen.screener.release;

import io.reescreen.release.ReleaseKey;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.release.ReleaseVerdict;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.screener.serving.ServedModel;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global processor on models.served (every instance reads every release the {@link ReleaseGate} accepted). For
 * the model name this screener serves, a release is loaded ({@link ReleaseLoader}, the same check the gate made) and
 * swapped into {@link CurrentModel} under its {@link ReleaseKey}: the base model ({@code name}) or one site's model
 * ({@code name@site}), each judged and swapped on its own, so a site's release never touches the base or another
 * site. The gate already refused what is corrupt or incompatible, so a refusal here
 * means this instance cannot serve what the others serve (another build, a native-library failure): it keeps its
 * model in force and says so loudly (ERROR log, {@code releases.not.served} and {@code model.disagreement} metrics,
 * {@code disagreement} in {@code GET /model}) until a release it can serve arrives. The {@code model-releases} store
 * keeps the latest release per key that models.served carries.
 *
 * <p>Release semantics (the record is always self-contained: it carries the artifact, because compaction keeps only
 * the latest record per name):
 * <ul>
 *   <li>PUBLISH: a new version, already gated by the retrainer: serve it.</li>
 *   <li>PROMOTE: a version evaluated elsewhere (e.g. as a challenger under another name) made the champion under
 *       this name: serve it.</li>
 *   <li>ROLLBACK: an earlier version re-released (its artifact included, {@code note} saying why): serve it.</li>
 *   <li>UNKNOWN (a newer producer's action): refuse; serving something this build does not understand is worse.</li>
 *   <li>A tombstone (null value) withdraws the key's release: the base goes back to the bootstrap model, which is
 *       also what a restart would serve once the topic has no record for the name; a site goes back to the base.</li>
 *   <li>The version already in force with the same artifact: nothing to do (re-delivery on restart).</li>
 * </ul>
 * The three actions differ in intent and audit trail, not in effect. Runs on the global thread, which must not die:
 * every failure is caught here.
 */
public final class ModelReleaseProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelReleaseProcessor.class);

    private final String servedName;
    private final Deserializer<ModelRelease> releases;
    private final CurrentModel models;
    private final ScreenerMetrics metrics;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, ModelRelease> store;

    public ModelReleaseProcessor(String servedName, Deserializer<ModelRelease> releases, CurrentModel models,
                                 ScreenerMetrics metrics) {
        this.servedName = Objects.requireNonNull(servedName, "servedName");
        this.releases = Objects.requireNonNull(releases, "releases");
        this.models = Objects.requireNonNull(models, "models");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.MODEL_RELEASES);
        // A persistent global store restored from a checkpoint holds accepted releases this JVM never loaded.
        try {
            ModelRelease inForce = store.get(servedName);
            if (inForce != null && !inForce.getVersion().equals(models.info().version())) {
                LOG.info("serving the stored release {} {} at start-up", servedName, inForce.getVersion());
                serve(inForce, ReleaseKey.base(servedName));
            }
        } catch (RuntimeException e) {
            LOG.error("cannot read the stored release of {}; the current model keeps serving", servedName, e);
        }
        try (KeyValueIterator<String, ModelRelease> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ModelRelease> next = all.next();
                Optional<ReleaseKey> key = parse(next.key);
                if (key.isPresent() && servesSiteOf(key.get()) && next.value != null) {
                    String site = key.get().siteId().orElseThrow();
                    if (!models.siteInfo(site).map(ModelInfo::version).equals(Optional.of(next.value.getVersion()))) {
                        LOG.info("serving the stored release {} {} at start-up", next.key, next.value.getVersion());
                        serve(next.value, key.get());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("cannot read the stored site releases of {}; the models in force keep serving", servedName, e);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            handle(record);
        } catch (RuntimeException e) {
            reject(ReleaseRejection.INCOMPATIBLE_MODEL, record.key(), "?", "unexpected failure: " + e);
            LOG.error("unexpected failure on the release at {}", where(), e);
        }
    }

    private void handle(Record<String, byte[]> record) {
        String key = record.key();
        if (record.value() == null) {
            withdraw(key);
            return;
        }
        ModelRelease release;
        try {
            release = releases.deserialize(topic(), record.headers(), record.value());
            Objects.requireNonNull(release, "the value decodes to nothing");
        } catch (RuntimeException e) {
            reject(ReleaseRejection.UNDECODABLE_RELEASE, key, "?", "not a ModelRelease: " + e);
            return;
        }
        Optional<ReleaseKey> releaseKey = ReleaseLoader.keyOf(release);
        if (key == null || releaseKey.isEmpty() || !key.equals(releaseKey.get().toString())) {
            reject(ReleaseRejection.KEY_MISMATCH, key, release.getVersion(), "record key '" + key
                    + "' is not the release's key (modelName '" + release.getModelName() + "', siteId '"
                    + release.getSiteId() + "')");
            return;
        }
        if (!servedName.equals(release.getModelName())) {
            store.put(key, release);
            LOG.info("release {} {} ({}) stored; this screener serves {}", key, release.getVersion(),
                    release.getAction(), servedName);
            return;
        }
        serve(release, releaseKey.get());
    }

    /** Serves the release under its key: the base model, or its site's, leaving every other key's model alone. */
    private void serve(ModelRelease release, ReleaseKey key) {
        Optional<String> site = key.siteId();
        ReleaseVerdict verdict = site.isEmpty() ? ReleaseLoader.check(release, models.info())
                : ReleaseLoader.check(release, models.siteInfo(site.get()));
        if (verdict instanceof ReleaseVerdict.Rejected r) {
            disagree(r.reason(), key, release.getVersion(), r.detail());
            return;
        }
        if (verdict instanceof ReleaseVerdict.Accepted a) {
            ServedModel next = ReleaseLoader.served(release, a.release(), context.currentSystemTimeMs());
            String previous = site.isEmpty() ? models.swap(next).version()
                    : models.swapSite(site.get(), next).map(ModelInfo::version).orElse("the base model");
            metrics.releaseAccepted(release.getAction());
            LOG.info("{} of {} {} accepted (was {}){}", release.getAction(), key, release.getVersion(), previous,
                    release.getNote() == null ? "" : ": " + release.getNote());
        } else {
            LOG.debug("release {} {} is already in force", key, release.getVersion());
        }
        agree(key);
        store.put(key.toString(), release);
    }

    private void withdraw(String key) {
        if (key == null) {
            return;
        }
        store.delete(key);
        Optional<ReleaseKey> parsed = parse(key);
        if (parsed.isEmpty() || !servedName.equals(parsed.get().modelName())) {
            return;
        }
        agree(parsed.get());
        if (parsed.get().isBase()) {
            String previous = models.revertToBootstrap().version();
            LOG.warn("release of {} withdrawn (tombstone): back to the bootstrap model {} (was {})", key,
                    models.info().version(), previous);
            return;
        }
        String site = parsed.get().siteId().orElseThrow();
        Optional<ModelInfo> previous = models.withdrawSite(site);
        LOG.warn("release of {} withdrawn (tombstone): site {} is scored with the base model {} again (was {})", key,
                site, models.info().version(), previous.map(ModelInfo::version).orElse("the base model already"));
    }

    /** A record models.served carries that this instance cannot serve as its model: it now disagrees. */
    private void reject(ReleaseRejection reason, String key, String version, String detail) {
        Optional<ReleaseKey> parsed = key == null ? Optional.empty() : parse(key);
        if (parsed.isPresent() && servedName.equals(parsed.get().modelName())) {
            disagree(reason, parsed.get(), version, detail);
            return;
        }
        metrics.releaseRejected(reason);
        LOG.warn("release {} {} at {} not readable ({}): {}", key, version, where(), reason, detail);
    }

    private void disagree(ReleaseRejection reason, ReleaseKey key, String version, String detail) {
        metrics.acceptedReleaseNotServed(reason);
        String description = key + " " + version + " (" + reason + ": " + detail + ")";
        String keeps;
        if (key.isBase()) {
            models.disagrees(description);
            keeps = models.info().version();
        } else {
            String site = key.siteId().orElseThrow();
            models.disagrees(site, description);
            keeps = models.siteInfo(site).map(ModelInfo::version).orElse("the base model " + models.info().version());
        }
        LOG.error("INSTANCES DISAGREE: release {} {} at {} was accepted for every screener, but THIS instance cannot "
                + "serve it ({}: {}); it keeps serving {} while others may serve {}", key, version, where(), reason,
                detail, keeps, version);
    }

    private void agree(ReleaseKey key) {
        key.siteId().ifPresentOrElse(models::agrees, models::agrees);
    }

    private boolean servesSiteOf(ReleaseKey key) {
        return !key.isBase() && servedName.equals(key.modelName());
    }

    private static Optional<ReleaseKey> parse(String key) {
        try {
            return Optional.of(ReleaseKey.parse(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.MODEL_SERVED.name());
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
