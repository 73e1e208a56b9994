package io.reescreen.retrainer.champion;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.release.CheckedRelease;
import io.reescreen.release.InForce;
import io.reescreen.release.ReleaseCheck;
import io.reescreen.release.ReleaseVerdict;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.schemas.ModelRelease;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the champion: the latest record of the model name on models.served, the releases every screener's release
 * gate accepted (published, promoted or rolled back), the bootstrap model until there is one or after a tombstone.
 * Each is checked again with the gate's own rule ({@link ReleaseCheck}: format, features and a smoke prediction
 * included), so a release the screeners refuse is never the champion, even one published by this retrainer.
 * Following models.served rather than models.releases, the retrainer transfers from what the screeners serve: a
 * corrupt release never gets there, so neither a running nor a restarted retrainer (after a compaction of
 * models.releases) falls back to the bootstrap. A record it cannot use (undecodable, or refused) changes nothing.
 * Fed by a {@link io.reescreen.retrainer.follow.TopicFollower}, and told at once of what this retrainer publishes
 * ({@link #published}), so the next challenger starts from it; models.served records older than that publication
 * (by record time: the gate keeps the models.releases record's time) do not undo it.
 */
public final class ChampionTracker implements RetrainingLoop.ChampionSource {

    private static final Logger LOG = LoggerFactory.getLogger(ChampionTracker.class);

    private final String modelName;
    private final Champion bootstrap;
    private final Deserializer<ModelRelease> releases;
    private final AtomicReference<Champion> current;
    /** The last models.served offset taken. */
    private long servedOffset = -1;
    /** Record time (ms) of what this retrainer published and models.served has not shown yet; null when none. */
    private Long publishedAtMs;

    public ChampionTracker(String modelName, BootstrapModel bootstrap, Deserializer<ModelRelease> releases) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.bootstrap = new Champion(bootstrap.version(), bootstrap.artifact(), -1);
        this.releases = Objects.requireNonNull(releases, "releases");
        this.current = new AtomicReference<>(this.bootstrap);
    }

    public Champion current() {
        return current.get();
    }

    @Override
    public String version() {
        return current.get().version();
    }

    @Override
    public ModelArtifact artifact() {
        return current.get().artifact();
    }

    /** One record of models.served (the follower's handler). */
    public synchronized void onRecord(ConsumerRecord<byte[], byte[]> record, boolean history) {
        if (record.key() == null || !modelName.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            return;
        }
        if (record.offset() <= servedOffset) {
            return;
        }
        servedOffset = record.offset();
        if (publishedAtMs != null) {
            if (record.timestamp() < publishedAtMs) {
                return; // the follower was behind what this retrainer published
            }
            publishedAtMs = null;
        }
        if (record.value() == null) {
            adopt(bootstrap, "tombstone at offset " + record.offset());
            return;
        }
        ModelRelease release;
        try {
            release = releases.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("{} offset {}: not a release ({}); champion stays {}", record.topic(), record.offset(), e.toString(),
                    version());
            return;
        }
        offer(release, record.offset());
    }

    /**
     * What this retrainer has just published: the champion from now on.
     *
     * @param recordTimeMs the time of its models.releases record, which the gate's models.served record keeps
     */
    public synchronized void published(ModelRelease release, long recordTimeMs) {
        if (offer(release, -1)) {
            publishedAtMs = recordTimeMs;
        }
    }

    private boolean offer(ModelRelease release, long offset) {
        ReleaseVerdict verdict = ReleaseCheck.check(release, InForce.NONE);
        if (verdict instanceof ReleaseVerdict.Rejected r) {
            LOG.warn("release {} refused ({}: {}); champion stays {}", release.getVersion(), r.reason(), r.detail(),
                    version());
            return false;
        }
        try (CheckedRelease checked = ((ReleaseVerdict.Accepted) verdict).release()) {
            adopt(new Champion(release.getVersion(), checked.artifact(), offset), release.getAction()
                    + (offset < 0 ? " published by this retrainer" : " at offset " + offset));
        }
        return true;
    }

    private void adopt(Champion champion, String why) {
        Champion before = current.getAndSet(champion);
        if (!before.version().equals(champion.version())) {
            LOG.info("champion {} -> {} ({})", before.version(), champion.version(), why);
        }
    }
}
