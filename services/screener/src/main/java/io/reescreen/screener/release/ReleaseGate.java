package io.reescreen.screener.release;

import io.reescreen.release.InForce;
import io.reescreen.release.ReleaseCheck;
import io.reescreen.release.ReleaseKey;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.release.ReleaseVerdict;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.metrics.ScreenerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a release is judged: a stream processor on models.releases (one partition, so one task across all
 * instances, exactly once). It applies {@link ReleaseCheck} (action, version, checksum, format, features, the model
 * loads and gives 17 finite outputs) against what it last accepted under the same {@link ReleaseKey} (the base model
 * and each site's model are judged apart: a site's version is never compared with the base's), then forwards the
 * record's bytes unchanged to models.served, or a dead-letter copy with the reason to models.releases.dlq.
 *
 * <p>Why a gate rather than every instance checking models.releases itself: that topic is compacted, so after a
 * corrupt record and a compaction only the corrupt record is left, and an instance started then had nothing good to
 * serve (it served the bootstrap while the others served the release). A refused record never reaches
 * models.served, so compaction keeps the last good release there, and every instance, running, restarted or new,
 * serves what it says.
 *
 * <p>A tombstone is a deliberate withdrawal and passes through. Re-delivery of the release last accepted (same
 * version, same artifact) is not forwarded again.
 */
public final class ReleaseGate implements Processor<String, byte[], String, GatedRelease> {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseGate.class);

    private final Deserializer<ModelRelease> releases;
    private final ScreenerMetrics metrics;
    private final int maxDeadLetterBytes;
    private ProcessorContext<String, GatedRelease> context;
    /** release key ({@link ReleaseKey}: the base's or a site's) → "sha256 version" of the release last accepted. */
    private KeyValueStore<String, String> accepted;

    public ReleaseGate(Deserializer<ModelRelease> releases, ScreenerMetrics metrics, int maxDeadLetterBytes) {
        this.releases = Objects.requireNonNull(releases, "releases");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxDeadLetterBytes = maxDeadLetterBytes;
    }

    @Override
    public void init(ProcessorContext<String, GatedRelease> context) {
        this.context = context;
        this.accepted = context.getStateStore(StoreNames.RELEASE_GATE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            judge(record);
        } catch (RuntimeException e) {
            refuse(record, ReleaseRejection.INCOMPATIBLE_MODEL, "?", "unexpected failure checking the release: " + e);
        }
    }

    private void judge(Record<String, byte[]> record) {
        String key = record.key();
        if (record.value() == null) {
            if (key == null) {
                return; // nothing to withdraw, nothing to keep
            }
            accepted.delete(key);
            LOG.warn("release of {} withdrawn (tombstone at {}): passed on to {}", key, where(), Topics.MODEL_SERVED.name());
            context.forward(record.withValue(GatedRelease.accepted(null)));
            return;
        }
        ModelRelease release;
        try {
            release = releases.deserialize(topic(), record.headers(), record.value());
            Objects.requireNonNull(release, "the value decodes to nothing");
        } catch (RuntimeException e) {
            refuse(record, ReleaseRejection.UNDECODABLE_RELEASE, "?", "not a ModelRelease: " + e);
            return;
        }
        Optional<ReleaseKey> releaseKey = ReleaseLoader.keyOf(release);
        if (key == null || releaseKey.isEmpty() || !key.equals(releaseKey.get().toString())) {
            refuse(record, ReleaseRejection.KEY_MISMATCH, release.getVersion(), "record key '" + key
                    + "' is not the release's key (modelName '" + release.getModelName() + "', siteId '"
                    + release.getSiteId() + "': " + releaseKey.map(ReleaseKey::toString).orElse("none") + ")");
            return;
        }
        String last = accepted.get(key);
        ReleaseVerdict verdict = ReleaseCheck.check(release, new InForce(version(last), sha(last)));
        if (verdict instanceof ReleaseVerdict.Rejected r) {
            refuse(record, r.reason(), release.getVersion(), r.detail());
            return;
        }
        if (verdict instanceof ReleaseVerdict.AlreadyInForce) {
            LOG.debug("release {} {} at {} was already accepted", key, release.getVersion(), where());
            return;
        }
        // The gate serves nothing: each instance loads what models.served says.
        ((ReleaseVerdict.Accepted) verdict).release().close();
        accepted.put(key, release.getArtifactSha256().toLowerCase(java.util.Locale.ROOT) + " " + release.getVersion());
        LOG.info("release {} {} ({}) at {} accepted: passed on to {}", key, release.getVersion(), release.getAction(),
                where(), Topics.MODEL_SERVED.name());
        context.forward(record.withValue(GatedRelease.accepted(record.value())));
    }

    private void refuse(Record<String, byte[]> record, ReleaseRejection reason, String version, String detail) {
        metrics.releaseRejected(reason);
        LOG.warn("release {} {} at {} REFUSED ({}): {}; models.served keeps the last good release, the record goes to {}",
                record.key(), version, where(), reason, detail, Topics.MODEL_RELEASES_DLQ.name());
        Optional<RecordMetadata> meta = context.recordMetadata();
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        DeadLetter copy = DeadLetter.fitted(key, record.value(), DlqHeaders.of(record.headers(), reason, detail,
                        meta.map(RecordMetadata::topic).orElse(Topics.MODEL_RELEASES.name()),
                        meta.map(RecordMetadata::partition).orElse(-1), meta.map(RecordMetadata::offset).orElse(-1L),
                        Instant.ofEpochMilli(context.currentSystemTimeMs())),
                maxDeadLetterBytes);
        context.forward(record.withValue(GatedRelease.refused(copy.key(), copy.value())).withHeaders(copy.headers()));
    }

    private static String sha(String entry) {
        return entry == null ? null : entry.substring(0, entry.indexOf(' '));
    }

    private static String version(String entry) {
        return entry == null ? null : entry.substring(entry.indexOf(' ') + 1);
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.MODEL_RELEASES.name());
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
