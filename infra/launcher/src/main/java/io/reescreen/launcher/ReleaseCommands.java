package io.reescreen.launcher;

import io.reescreen.replay.ReleaseHistory;
import io.reescreen.retrainer.release.ReleaseActions;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
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

/**
 * {@code model promote VERSION} and {@code model rollback}: decide from models.served (what the release gate accepted,
 * so never a release it refused), re-publish an earlier release on models.releases (or a tombstone, back to the
 * bootstrap model), then report what the gate did with it: served, refused with its reason, or no verdict in time.
 */
final class ReleaseCommands {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_WAIT_SECONDS = 60;

    private ReleaseCommands() {
    }

    static int promote(CommandLine args, PrintStream out) throws Exception {
        if (args.positionals().size() != 1) {
            throw new CommandLine.UsageException("model promote needs the VERSION to serve");
        }
        String version = args.positionals().get(0);
        Cluster c = cluster(args.shift());
        List<Optional<ModelRelease>> served = c.served();
        ModelRelease release;
        try {
            release = ReleaseActions.promote(served, version, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        String from = Optional.ofNullable(release.getParentVersion()).orElse("the bootstrap model");
        return c.publishAndReport(release, "promote " + release.getVersion() + " over " + from, out);
    }

    static int rollback(CommandLine args, PrintStream out) throws Exception {
        if (!args.positionals().isEmpty()) {
            throw new CommandLine.UsageException("model rollback takes no version: it goes back to the served one's parent");
        }
        Cluster c = cluster(args);
        List<Optional<ModelRelease>> served = c.served();
        String now = ReleaseActions.current(served).map(ModelRelease::getVersion).orElse(null);
        Optional<ModelRelease> back;
        try {
            back = ReleaseActions.rollback(served, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        return c.publishAndReport(back.orElse(null), "roll back from " + now + " to "
                + back.map(ModelRelease::getVersion).orElse("the bootstrap model (tombstone)"), out);
    }

    private static Cluster cluster(CommandLine args) {
        args.allowOnly("bootstrap-servers", "registry-url", "model-name", "wait-seconds");
        String bootstrap = args.option("bootstrap-servers").or(() -> Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")))
                .orElseThrow(() -> new CommandLine.UsageException("no cluster: give --bootstrap-servers or set KAFKA_BOOTSTRAP_SERVERS"));
        String registry = args.option("registry-url").or(() -> Optional.ofNullable(System.getenv("SCHEMA_REGISTRY_URL")))
                .orElseThrow(() -> new CommandLine.UsageException("no registry: give --registry-url or set SCHEMA_REGISTRY_URL"));
        int waitSeconds = args.intOption("wait-seconds", DEFAULT_WAIT_SECONDS);
        if (waitSeconds < 1) {
            throw new CommandLine.UsageException("--wait-seconds must be at least 1");
        }
        return new Cluster(bootstrap, new RegistrySerdes(registry, true).valueSerde(ModelRelease.class),
                args.option("model-name").orElse("ree-mtnn"), Duration.ofSeconds(waitSeconds));
    }

    private record Cluster(String bootstrap, Serde<ModelRelease> serde, String modelName, Duration verdictWait) {

        /** What the gate let through for this name, oldest first: what was served, and what is served now. */
        List<Optional<ModelRelease>> served() {
            return ReleaseHistory.read(bootstrap, Topics.MODEL_SERVED.name(), serde.deserializer(), modelName,
                    READ_TIMEOUT);
        }

        /** Sends the release (a tombstone for null), waits for the gate's verdict and says it; 0 only when served. */
        int publishAndReport(ModelRelease release, String what, PrintStream out) throws Exception {
            byte[] value = release == null ? null : serde.serializer().serialize(Topics.MODEL_RELEASES.name(), release);
            GateVerdict watch = GateVerdict.watchFromNow(bootstrap, READ_TIMEOUT);
            RecordMetadata sent;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
                sent = producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(),
                        modelName.getBytes(StandardCharsets.UTF_8), value)).get();
            }
            String at = sent.topic() + "-" + sent.partition() + "@" + sent.offset();
            out.printf("%s of %s: sent to %s; waiting up to %d s for the release gate...%n", what, modelName, at,
                    verdictWait.toSeconds());
            out.flush();
            GateVerdict.Outcome verdict = watch.await(modelName, value, sent.partition(), sent.offset(), verdictWait);
            switch (verdict.kind()) {
                case ACCEPTED -> {
                    out.printf("accepted by the release gate (%s): screeners of %s now serve %s%n", verdict.where(),
                            modelName, release == null ? "their bootstrap model" : release.getVersion());
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
