package io.reescreen.retrainer.champion;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.release.CheckedRelease;
import io.reescreen.release.InForce;
import io.reescreen.release.ReleaseCheck;
import io.reescreen.release.ReleaseKey;
import io.reescreen.release.ReleaseVerdict;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.schemas.ModelRelease;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the champions: for the base model and for each site that has one, the latest record of its
 * {@link ReleaseKey} ({@code name}, {@code name@site}) on models.served, the releases every screener's release gate
 * accepted (published, promoted or rolled back); the bootstrap model for the base until there is one or after a
 * tombstone, and the base for a site until it has its own model or after its tombstone. Each is checked again with the
 * gate's own rule ({@link ReleaseCheck}: format, features and a smoke prediction included), so a release the screeners
 * refuse is never a champion, even one published by this retrainer. Following models.served rather than
 * models.releases, the retrainer transfers from what the screeners serve: a corrupt release never gets there, so
 * neither a running nor a restarted retrainer (after a compaction of models.releases) falls back to the bootstrap. A
 * record it cannot use (undecodable, refused, or under a key that is not its release's) changes nothing. Fed by a
 * {@link io.reescreen.retrainer.follow.TopicFollower}, and told at once of what this retrainer publishes
 * ({@link #published}), so the next challenger starts from it; models.served records of the same key older than that
 * publication (by record time: the gate keeps the models.releases record's time) do not undo it.
 */
public final class ChampionTracker implements RetrainingLoop.ChampionSource {

    private static final Logger LOG = LoggerFactory.getLogger(ChampionTracker.class);

    private final String modelName;
    private final ReleaseKey baseKey;
    private final Champion bootstrap;
    private final Deserializer<ModelRelease> releases;
    private final AtomicReference<Champion> current;
    /** site id → its own model in force (read without the lock). */
    private final Map<String, Champion> sites = new ConcurrentHashMap<>();
    /** The last models.served offset taken. */
    private long servedOffset = -1;
    /** Per key, the record time (ms) of what this retrainer published and models.served has not shown yet. */
    private final Map<ReleaseKey, Long> publishedAtMs = new HashMap<>();

    public ChampionTracker(String modelName, BootstrapModel bootstrap, Deserializer<ModelRelease> releases) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.baseKey = ReleaseKey.base(modelName);
        this.bootstrap = new Champion(bootstrap.version(), bootstrap.artifact(), -1);
        this.releases = Objects.requireNonNull(releases, "releases");
        this.current = new AtomicReference<>(this.bootstrap);
    }

    /** The base model's champion. */
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

    /** The site's own model in force, else the base's champion (a site's first champion). */
    @Override
    public Champion ofSite(String siteId) {
        Champion own = sites.get(siteId);
        return own != null ? own : current.get();
    }

    /** Every site that has its own model in force: site id → its champion. */
    public Map<String, Champion> siteChampions() {
        return Map.copyOf(sites);
    }

    /** One record of models.served (the follower's handler). */
    public synchronized void onRecord(ConsumerRecord<byte[], byte[]> record, boolean history) {
        if (record.key() == null) {
            return;
        }
        ReleaseKey key;
        try {
            key = ReleaseKey.parse(new String(record.key(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return; // not a release key at all: nobody's model
        }
        if (!modelName.equals(key.modelName())) {
            return;
        }
        if (record.offset() <= servedOffset) {
            return;
        }
        servedOffset = record.offset();
        Long publishedAt = publishedAtMs.get(key);
        if (publishedAt != null) {
            if (record.timestamp() < publishedAt) {
                return; // the follower was behind what this retrainer published
            }
            publishedAtMs.remove(key);
        }
        if (record.value() == null) {
            if (key.isBase()) {
                adopt(key, bootstrap, "tombstone at offset " + record.offset());
            } else {
                Champion before = sites.remove(key.siteId().orElseThrow());
                if (before != null) {
                    LOG.info("champion of {} {} -> the base model (tombstone at offset {})", key, before.version(),
                            record.offset());
                }
            }
            return;
        }
        ModelRelease release;
        try {
            release = releases.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("{} offset {}: not a release ({}); champion of {} stays {}", record.topic(), record.offset(),
                    e.toString(), key, championOf(key).version());
            return;
        }
        if (!key.equals(ReleaseKey.of(release))) {
            LOG.warn("{} offset {}: key {} is not release {}'s ({}); nothing changes", record.topic(), record.offset(),
                    key, release.getVersion(), ReleaseKey.of(release));
            return;
        }
        offer(release, record.offset());
    }

    /**
     * What this retrainer has just published: its key's champion from now on.
     *
     * @param recordTimeMs the time of its models.releases record, which the gate's models.served record keeps
     */
    public synchronized void published(ModelRelease release, long recordTimeMs) {
        if (offer(release, -1)) {
            publishedAtMs.put(ReleaseKey.of(release), recordTimeMs);
        }
    }

    private boolean offer(ModelRelease release, long offset) {
        ReleaseKey key = ReleaseKey.of(release);
        if (!modelName.equals(key.modelName())) {
            return false;
        }
        ReleaseVerdict verdict = ReleaseCheck.check(release, InForce.NONE);
        if (verdict instanceof ReleaseVerdict.Rejected r) {
            LOG.warn("release {} refused ({}: {}); champion of {} stays {}", release.getVersion(), r.reason(), r.detail(),
                    key, championOf(key).version());
            return false;
        }
        try (CheckedRelease checked = ((ReleaseVerdict.Accepted) verdict).release()) {
            adopt(key, new Champion(release.getVersion(), checked.artifact(), offset), release.getAction()
                    + (offset < 0 ? " published by this retrainer" : " at offset " + offset));
        }
        return true;
    }

    private Champion championOf(ReleaseKey key) {
        return key.siteId().map(this::ofSite).orElseGet(current::get);
    }

    private void adopt(ReleaseKey key, Champion champion, String why) {
        Champion before = key.isBase() ? current.getAndSet(champion) : sites.put(key.siteId().orElseThrow(), champion);
        String was = before == null ? "the base model" : before.version();
        if (!was.equals(champion.version())) {
            LOG.info("champion of {} {} -> {} ({})", key, was, champion.version(), why);
        }
    }
}
