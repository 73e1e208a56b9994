package io.reescreen.launcher;

import io.reescreen.release.ReleaseKey;
import io.reescreen.replay.ReleaseHistory;
import io.reescreen.retrainer.release.ReleaseActions;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code model promote VERSION [--site S]} and {@code model rollback [--site S]}: decide from models.served (what the
 * release gate accepted, so never a release it refused), re-publish an earlier release on models.releases (or a
 * tombstone: the base back to the bootstrap model, a site back to the base), then report what the gate did with it:
 * served, refused with its reason, or no verdict in time. Without {@code --site} they act on the base model; with it,
 * on that site's model alone ({@link ReleaseKey}: {@code name@site}), whose history is its own.
 */
final class ReleaseCommands {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private ReleaseCommands() {
    }

    @Command(name = "promote",
            description = {"serve an earlier release again (one the release gate accepted)",
                    "serves VERSION again: re-publishes its release from models.served (only releases the gate",
                    "accepted) as PROMOTE, then waits for the gate's verdict (exit 1: refused, or none in time);",
                    "with --site S, a version of that site's own model, for that site only"})
    static final class Promote implements Callable<Integer> {

        private final Terminal terminal;

        @Parameters(paramLabel = "VERSION", description = "the release to serve again")
        private String version;

        @Mixin
        private ReleaseOptions options;

        Promote(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Cluster c = options.cluster();
            List<Optional<ModelRelease>> served = c.served();
            ModelRelease release;
            try {
                release = c.underKey(ReleaseActions.promote(served, version, Instant.now()));
            } catch (IllegalArgumentException e) {
                throw new UsageError(c.key() + ": " + e.getMessage());
            }
            String from = Optional.ofNullable(release.getParentVersion()).orElse("the bootstrap model");
            return c.publishAndReport(release, "promote " + release.getVersion() + " over " + from, terminal.out());
        }
    }

    @Command(name = "rollback",
            description = {"back to the served release's parent",
                    "back to the served release's parent (a tombstone when that is the bootstrap model), then",
                    "waits for the gate's verdict (exit 1: refused, or none in time); with --site S, that site's",
                    "model back to its previous site release, or to the base model (a tombstone for the site)"})
    static final class Rollback implements Callable<Integer> {

        private final Terminal terminal;

        @Mixin
        private ReleaseOptions options;

        Rollback(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws Exception {
            Cluster c = options.cluster();
            List<Optional<ModelRelease>> served = c.served();
            String now = ReleaseActions.current(served).map(ModelRelease::getVersion).orElse(null);
            Optional<ModelRelease> back;
            try {
                back = c.key().isBase() ? ReleaseActions.rollback(served, Instant.now()) : siteRollback(served, now);
            } catch (IllegalArgumentException e) {
                throw new UsageError(c.key() + ": " + e.getMessage());
            }
            String none = c.key().isBase() ? "the bootstrap model (tombstone)" : "the base model (tombstone for the site)";
            return c.publishAndReport(back.map(c::underKey).orElse(null), "roll back from " + now + " to "
                    + back.map(ModelRelease::getVersion).orElse(none), terminal.out());
        }

        /**
         * A site model's parent is usually the base version it was transferred from, not one of the site's own
         * releases: then the site goes back to the base model (a tombstone under the site's key).
         */
        private static Optional<ModelRelease> siteRollback(List<Optional<ModelRelease>> served, String now) {
            if (now == null) {
                throw new IllegalArgumentException("nothing to roll back: the site is already scored with the base model");
            }
            String parent = ReleaseActions.current(served).map(ModelRelease::getParentVersion).orElse(null);
            boolean parentIsTheSites = parent != null && served.stream().flatMap(Optional::stream)
                    .anyMatch(r -> r.getVersion().equals(parent));
            return parentIsTheSites ? ReleaseActions.rollback(served, Instant.now()) : Optional.empty();
        }
    }

    /** Which model's releases, on which cluster, and how long to wait for the gate. */
    static final class ReleaseOptions {

        @Mixin
        private ClusterOptions cluster;

        @Option(names = "--model-name", paramLabel = "N", defaultValue = "ree-mtnn",
                description = "the models.releases key (default ${DEFAULT-VALUE})")
        private String modelName;

        @Option(names = "--site", paramLabel = "S",
                description = "the site whose own model to act on (default: the base model, every site without one)")
        private String site;

        @Option(names = "--wait-seconds", paramLabel = "S", defaultValue = "60",
                description = "how long to wait for the release gate's verdict (default ${DEFAULT-VALUE})")
        private int waitSeconds;

        Cluster cluster() {
            if (waitSeconds < 1) {
                throw new UsageError("--wait-seconds must be at least 1");
            }
            ReleaseKey key;
            try {
                key = site == null ? ReleaseKey.base(modelName) : ReleaseKey.site(modelName, site);
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            KafkaConnection kafka = cluster.kafka();
            return new Cluster(kafka, new RegistrySerdes(cluster.registry(), true).valueSerde(ModelRelease.class), key,
                    Duration.ofSeconds(waitSeconds));
        }
    }

    private record Cluster(KafkaConnection kafka, Serde<ModelRelease> serde, ReleaseKey key, Duration verdictWait) {

        /** What the gate let through under this key, oldest first: what was served, and what is served now. */
        List<Optional<ModelRelease>> served() {
            return ReleaseHistory.read(kafka, Topics.MODEL_SERVED.name(), serde.deserializer(), key.toString(),
                    READ_TIMEOUT);
        }

        /** The release as published under this key: the base's without a site, a site's with its site. */
        ModelRelease underKey(ModelRelease release) {
            return ModelRelease.newBuilder(release).setModelName(key.modelName()).setSiteId(key.siteId().orElse(null))
                    .build();
        }

        /** Sends the release (a tombstone for null), waits for the gate's verdict and says it; 0 only when served. */
        int publishAndReport(ModelRelease release, String what, PrintStream out) throws Exception {
            byte[] value = release == null ? null : serde.serializer().serialize(Topics.MODEL_RELEASES.name(), release);
            GateVerdict watch = GateVerdict.watchFromNow(kafka, READ_TIMEOUT);
            RecordMetadata sent;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                sent = producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(),
                        key.toString().getBytes(StandardCharsets.UTF_8), value)).get();
            }
            String at = sent.topic() + "-" + sent.partition() + "@" + sent.offset();
            out.printf("%s of %s: sent to %s; waiting up to %d s for the release gate...%n", what, key, at,
                    verdictWait.toSeconds());
            out.flush();
            GateVerdict.Outcome verdict = watch.await(key.toString(), value, sent.partition(), sent.offset(), verdictWait);
            switch (verdict.kind()) {
                case ACCEPTED -> {
                    out.printf("accepted by the release gate (%s): screeners of %s now serve %s%n", verdict.where(),
                            key, release != null ? release.getVersion()
                                    : key.isBase() ? "their bootstrap model" : "the base model for the site");
                    return 0;
                }
                case REFUSED -> {
                    out.printf("REFUSED by the release gate (%s): %s: %s; screeners keep serving what they served%n",
                            verdict.where(), verdict.reason(), verdict.detail());
                    return 1;
                }
                default -> {
                    out.printf("no verdict from the release gate within %d s: is a screener running? The record stays "
                            + "on %s and is judged when one runs; nothing changes until then%n", verdictWait.toSeconds(), at);
                    return 1;
                }
            }
        }
    }
}
