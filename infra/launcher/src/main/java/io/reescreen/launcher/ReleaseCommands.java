package io.reescreen.launcher;

import io.reescreen.retrainer.release.ReleaseActions;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.replay.ReleaseHistory;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * {@code model promote VERSION} and {@code model rollback}: read models.releases, re-publish an earlier release
 * (or a tombstone, back to the bootstrap model), and say what the screeners will serve.
 */
final class ReleaseCommands {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ReleaseCommands() {
    }

    static int promote(CommandLine args, PrintStream out) throws Exception {
        if (args.positionals().size() != 1) {
            throw new CommandLine.UsageException("model promote needs the VERSION to serve");
        }
        String version = args.positionals().get(0);
        Cluster c = cluster(args.shift());
        List<Optional<ModelRelease>> history = c.history();
        ModelRelease release;
        try {
            release = ReleaseActions.promote(history, version, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        c.send(release);
        out.printf("promoted %s over %s: screeners of %s now serve it%n", release.getVersion(),
                Optional.ofNullable(release.getParentVersion()).orElse("the bootstrap model"), c.modelName);
        return 0;
    }

    static int rollback(CommandLine args, PrintStream out) throws Exception {
        if (!args.positionals().isEmpty()) {
            throw new CommandLine.UsageException("model rollback takes no version: it goes back to the served one's parent");
        }
        Cluster c = cluster(args);
        List<Optional<ModelRelease>> history = c.history();
        String served = ReleaseActions.current(history).map(ModelRelease::getVersion).orElse(null);
        Optional<ModelRelease> back;
        try {
            back = ReleaseActions.rollback(history, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        c.send(back.orElse(null));
        out.printf("rolled back from %s to %s%n", served,
                back.map(ModelRelease::getVersion).orElse("the bootstrap model (tombstone published)"));
        return 0;
    }

    private static Cluster cluster(CommandLine args) {
        args.allowOnly("bootstrap-servers", "registry-url", "model-name");
        String bootstrap = args.option("bootstrap-servers").or(() -> Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")))
                .orElseThrow(() -> new CommandLine.UsageException("no cluster: give --bootstrap-servers or set KAFKA_BOOTSTRAP_SERVERS"));
        String registry = args.option("registry-url").or(() -> Optional.ofNullable(System.getenv("SCHEMA_REGISTRY_URL")))
                .orElseThrow(() -> new CommandLine.UsageException("no registry: give --registry-url or set SCHEMA_REGISTRY_URL"));
        return new Cluster(bootstrap, new RegistrySerdes(registry, true).valueSerde(ModelRelease.class),
                args.option("model-name").orElse("ree-mtnn"));
    }

    private record Cluster(String bootstrap, Serde<ModelRelease> serde, String modelName) {

        List<Optional<ModelRelease>> history() {
            return ReleaseHistory.read(bootstrap, serde.deserializer(), modelName, TIMEOUT);
        }

        /** Sends the release, or a tombstone for null, and waits for the broker's acknowledgement. */
        void send(ModelRelease release) throws Exception {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
                byte[] value = release == null ? null : serde.serializer().serialize(Topics.MODEL_RELEASES.name(), release);
                producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), modelName.getBytes(StandardCharsets.UTF_8),
                        value)).get();
            }
        }
    }
}
