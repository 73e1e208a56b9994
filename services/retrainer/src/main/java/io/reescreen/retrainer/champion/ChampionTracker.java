package io.reescreen.retrainer.champion;

import io.reescreen.model.artifact.InvalidArtifactException;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.training.BootstrapModel;
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
 * Knows the champion: the latest record of the model name on models.releases (published, promoted or rolled back),
 * the bootstrap model until there is one or after a tombstone. A release the screener would refuse (bad checksum,
 * undecodable) changes nothing here either. Fed by a {@link io.reescreen.retrainer.follow.TopicFollower}, and told
 * at once of what this retrainer publishes ({@link #published}), so the next challenger starts from it.
 */
public final class ChampionTracker implements RetrainingLoop.ChampionSource {

    private static final Logger LOG = LoggerFactory.getLogger(ChampionTracker.class);

    private final String modelName;
    private final Champion bootstrap;
    private final Deserializer<ModelRelease> releases;
    private final AtomicReference<Champion> current;

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

    /** One record of models.releases (the follower's handler). */
    public void onRecord(ConsumerRecord<byte[], byte[]> record, boolean history) {
        if (record.key() == null || !modelName.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            return;
        }
        if (record.offset() <= current.get().offset()) {
            return; // already taken, when this retrainer published it
        }
        if (record.value() == null) {
            adopt(bootstrap, "tombstone at offset " + record.offset());
            return;
        }
        ModelRelease release;
        try {
            release = releases.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("models.releases offset {}: not a release ({}); champion stays {}", record.offset(), e.toString(),
                    version());
            return;
        }
        offer(release, record.offset());
    }

    /** What this retrainer has just published, at {@code offset}: the champion from now on. */
    public void published(ModelRelease release, long offset) {
        offer(release, offset);
    }

    private void offer(ModelRelease release, long offset) {
        try {
            ModelArtifact artifact = ReleaseArtifact.decode(release);
            adopt(new Champion(release.getVersion(), artifact, offset), release.getAction() + " at offset " + offset);
        } catch (InvalidArtifactException e) {
            LOG.warn("release {} at offset {} refused ({}); champion stays {}", release.getVersion(), offset,
                    e.getMessage(), version());
        }
    }

    private void adopt(Champion champion, String why) {
        Champion before = current.getAndUpdate(c -> champion.offset() > c.offset() || champion == bootstrap
                ? champion : c);
        if (current.get() == champion && !before.version().equals(champion.version())) {
            LOG.info("champion {} -> {} ({})", before.version(), champion.version(), why);
        }
    }
}
