package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.release.ReleaseKey;
import io.reescreen.replay.ReleaseHistory;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.model.contract.SchemaEnums;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model promote} and {@code model rollback} against the embedded broker and registry, with a real screener
 * (its release gate) judging what they publish: they choose only from models.served, so a release the gate refused
 * is never promoted, and they report the gate's verdict. With {@code --site} they act on that site's model alone.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ReleaseCommandsEmbeddedTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NAME = "cmd-model-" + RUN;
    private static final Duration GATE = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    private static ModelArtifact artifact;
    private static String bootstrapVersion;
    private static ScreenerService screener;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A tiny model (3 members, 40 epochs) as the screener's bootstrap and as the releases' artifact. */
    @BeforeAll
    static void startScreener(EmbeddedStack stack) throws Exception {
        try (ScreeningModel model = EnsembleFitting.fit(new SyntheticAshGenerator(SyntheticSpec.withSeed(1)).generate(120),
                TrainingRecipe.paper().withMembers(3).withSettings(TrainingSettings.paper().withEpochs(40)),
                EnsembleTrainer.Progress.NONE)) {
            artifact = ModelArtifact.of(model, Map.of("data", "synthetic seed 1, 120 rows"), Map.of());
        }
        Path bootstrap = dir.resolve("bootstrap.model");
        Files.write(bootstrap, ModelArtifactCodec.encode(artifact));
        bootstrapVersion = BootstrapModel.fromFile(bootstrap).version();
        Map<String, Object> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", stack.bootstrapServers());
        properties.put("reescreen.registry.url", stack.registryUrl());
        properties.put("micronaut.server.port", 0);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("reescreen.screener.instance-name", "release-commands");
        properties.put("kafka.streams.screener.application.id", "release-commands-" + RUN);
        properties.put("kafka.streams.screener.state.dir", dir.resolve("state").toString());
        properties.put("reescreen.screener.bootstrap-model", bootstrap.toString());
        screener = ScreenerService.start(properties);
        screener.awaitRunning(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopScreener() {
        if (screener != null) {
            screener.close();
        }
    }

    @Test
    void promoteAndRollbackChooseOnlyServedReleasesAndReportTheGatesVerdict(EmbeddedStack stack) throws Exception {
        send(stack, release("v1", bootstrapVersion, artifact));
        send(stack, release("v2", "v1", artifact));
        ModelRelease corrupt = release("v3", "v2", artifact);
        corrupt.setArtifactSha256("0".repeat(64));
        send(stack, corrupt);
        awaitServed(stack, h -> versions(h).equals(List.of("v1", "v2")), "the gate serves v1, then v2, and refuses v3");
        String[] cluster = {"--model-name", NAME, "--bootstrap-servers", stack.bootstrapServers(), "--registry-url",
                stack.registryUrl(), "--wait-seconds", "120"};

        assertEquals(2, run(concat(new String[] {"model", "promote", "v3"}, cluster)), out.toString());
        assertTrue(err.toString().contains("no release v3 was ever served"), err.toString());

        assertEquals(0, run(concat(new String[] {"model", "promote", "v1"}, cluster)), out + "\n" + err);
        assertTrue(out.toString().contains("promote v1 over v2 of " + NAME), out.toString());
        assertTrue(out.toString().contains("accepted by the release gate (models.served-0@"), out.toString());
        ModelRelease promoted = served(stack).get(served(stack).size() - 1).orElseThrow();
        assertEquals(ReleaseAction.PROMOTE, promoted.getAction());
        assertEquals("v1", promoted.getVersion());

        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), out + "\n" + err);
        ModelRelease rolledBack = served(stack).get(served(stack).size() - 1).orElseThrow();
        assertEquals(ReleaseAction.ROLLBACK, rolledBack.getAction());
        assertEquals("v2", rolledBack.getVersion(), "back to what v1's promotion replaced, not to the refused v3");

        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), out + "\n" + err);
        assertEquals("v1", served(stack).get(served(stack).size() - 1).orElseThrow().getVersion());
        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), out + "\n" + err);
        assertEquals(Optional.empty(), served(stack).get(served(stack).size() - 1),
                "v1's parent is the bootstrap model: the gate passed the tombstone on");
        assertTrue(out.toString().contains("now serve their bootstrap model"), out.toString());

        assertEquals(2, run(concat(new String[] {"model", "rollback"}, cluster)), "nothing left to roll back");
        assertEquals(2, run(concat(new String[] {"model", "promote", "v9"}, cluster)), "an unknown version");
    }

    @Test
    void promoteAndRollbackWithASiteActOnThatSitesModelAloneAndRollBackToTheBaseAtTheEnd(EmbeddedStack stack)
            throws Exception {
        String site = "YARD-" + RUN;
        String siteKey = ReleaseKey.site(NAME, site).toString();
        send(stack, siteKey, siteRelease(site, "s1", "base-v1"));
        send(stack, siteKey, siteRelease(site, "s2", "s1"));
        awaitServed(stack, siteKey, h -> versions(h).equals(List.of("s1", "s2")), "the gate serves s1, then s2");
        List<Optional<ModelRelease>> baseBefore = served(stack);
        String[] cluster = {"--site", site, "--model-name", NAME, "--bootstrap-servers", stack.bootstrapServers(),
                "--registry-url", stack.registryUrl(), "--wait-seconds", "120"};

        assertEquals(0, run(concat(new String[] {"model", "promote", "s1"}, cluster)), out + "\n" + err);
        assertTrue(out.toString().contains("promote s1 over s2 of " + siteKey), out.toString());
        ModelRelease promoted = last(served(stack, siteKey)).orElseThrow();
        assertEquals(ReleaseAction.PROMOTE, promoted.getAction());
        assertEquals("s1", promoted.getVersion());
        assertEquals(site, promoted.getSiteId());

        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), out + "\n" + err);
        assertEquals("s2", last(served(stack, siteKey)).orElseThrow().getVersion());
        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), out + "\n" + err);
        ModelRelease back = last(served(stack, siteKey)).orElseThrow();
        assertEquals("s1", back.getVersion());
        assertEquals(site, back.getSiteId());
        // s1's parent is the base version it was transferred from: the site goes back to the base model.
        assertEquals(0, run(concat(new String[] {"model", "rollback"}, cluster)), out + "\n" + err);
        assertEquals(Optional.empty(), last(served(stack, siteKey)), "a tombstone under the site's key");
        assertTrue(out.toString().contains("now serve the base model for the site"), out.toString());
        assertEquals(2, run(concat(new String[] {"model", "rollback"}, cluster)), "nothing left to roll back");

        assertEquals(baseBefore, served(stack), "the base model's history is untouched by the site's commands");
    }

    @Test
    void aRefusedReleaseIsReportedWithTheGatesReasonAndSilenceAsNoVerdict(EmbeddedStack stack) throws Exception {
        ModelRelease corrupt = release("v-bad", null, artifact);
        corrupt.setArtifactSha256("0".repeat(64));
        byte[] value = stack.serdes().valueSerde(ModelRelease.class).serializer()
                .serialize(Topics.MODEL_RELEASES.name(), corrupt);
        GateVerdict watch = GateVerdict.watchFromNow(stack.bootstrapServers(), Duration.ofSeconds(30));
        RecordMetadata sent = send(stack, value);
        GateVerdict.Outcome refused = watch.await(NAME, value, sent.partition(), sent.offset(), GATE);
        assertEquals(GateVerdict.Kind.REFUSED, refused.kind(), refused.toString());
        assertEquals("CHECKSUM_MISMATCH", refused.reason());
        assertTrue(refused.where().startsWith(Topics.MODEL_RELEASES_DLQ.name() + "-0@"), refused.where());

        GateVerdict.Outcome none = GateVerdict.watchFromNow(stack.bootstrapServers(), Duration.ofSeconds(30))
                .await(NAME, value, sent.partition(), Long.MAX_VALUE, Duration.ofSeconds(1));
        assertEquals(GateVerdict.Kind.NONE_YET, none.kind(), "no record at that offset: no verdict, not a stale one");
    }

    private static void awaitServed(EmbeddedStack stack, Predicate<List<Optional<ModelRelease>>> done, String what)
            throws InterruptedException {
        awaitServed(stack, NAME, done, what);
    }

    private static void awaitServed(EmbeddedStack stack, String key, Predicate<List<Optional<ModelRelease>>> done,
                                    String what) throws InterruptedException {
        long deadline = System.nanoTime() + GATE.toNanos();
        List<Optional<ModelRelease>> seen = served(stack, key);
        while (!done.test(seen)) {
            assertTrue(System.nanoTime() < deadline, what + "; models.served has " + seen);
            Thread.sleep(250);
            seen = served(stack, key);
        }
    }

    private static Optional<ModelRelease> last(List<Optional<ModelRelease>> history) {
        return history.get(history.size() - 1);
    }

    private static List<String> versions(List<Optional<ModelRelease>> history) {
        return history.stream().map(r -> r.map(ModelRelease::getVersion).orElse("(tombstone)")).distinct().toList();
    }

    private static List<Optional<ModelRelease>> served(EmbeddedStack stack) {
        return served(stack, NAME);
    }

    private static List<Optional<ModelRelease>> served(EmbeddedStack stack, String key) {
        return ReleaseHistory.read(stack.bootstrapServers(), Topics.MODEL_SERVED.name(),
                stack.serdes().valueSerde(ModelRelease.class).deserializer(), key, Duration.ofSeconds(30));
    }

    private static void send(EmbeddedStack stack, ModelRelease release) throws Exception {
        send(stack, NAME, release);
    }

    private static void send(EmbeddedStack stack, String key, ModelRelease release) throws Exception {
        send(stack, key, stack.serdes().valueSerde(ModelRelease.class).serializer()
                .serialize(Topics.MODEL_RELEASES.name(), release));
    }

    private static RecordMetadata send(EmbeddedStack stack, byte[] value) throws Exception {
        return send(stack, NAME, value);
    }

    private static RecordMetadata send(EmbeddedStack stack, String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), key.getBytes(StandardCharsets.UTF_8),
                    value)).get();
        }
    }

    private static ModelRelease siteRelease(String site, String version, String parent) {
        ModelRelease r = release(version, parent, artifact);
        r.setSiteId(site);
        return r;
    }

    private int run(String... args) {
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static ModelRelease release(String version, String parent, ModelArtifact model) {
        return release(NAME, version, parent, model);
    }

    /** A release of {@code model} as the retrainer publishes one (also for SecuredCommandsEmbeddedTest). */
    static ModelRelease release(String name, String version, String parent, ModelArtifact model) {
        byte[] bytes = ModelArtifactCodec.encode(model);
        return ModelRelease.newBuilder().setModelName(name).setVersion(version).setParentVersion(parent)
                .setAction(ReleaseAction.PUBLISH).setCreatedAt(Instant.parse("2025-06-01T00:00:00Z"))
                .setFeatures(model.features().oxides().stream().map(SchemaEnums::oxide).toList())
                .setMetrics(List.of()).setTrainingSettings(Map.of()).setLineage(List.of())
                .setArtifactFormatVersion(ModelArtifactCodec.FORMAT_VERSION).setArtifact(ByteBuffer.wrap(bytes))
                .setArtifactSha256(ModelArtifactCodec.sha256Hex(bytes)).build();
    }
}
