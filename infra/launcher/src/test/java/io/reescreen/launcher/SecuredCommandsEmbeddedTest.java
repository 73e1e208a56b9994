package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.security.CertificateAuthority;
import io.reescreen.embedded.security.Credentials;
import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.embedded.security.StackSecurity;
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
import io.reescreen.replay.ReleaseHistory;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.ScreeningOutcome;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.connect.RegistryClientSettings;
import io.reescreen.schemas.connect.RegistryConnection;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.streams.ServiceConnections;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command on a secured cluster: the secured embedded stack (SASL_SSL with SCRAM-SHA-512 and PLAIN, a mutual-TLS
 * listener, an HTTPS registry with basic authentication), given only the stack's client settings files, as an
 * operator would ({@code --kafka-config}, {@code --registry-config}, or {@code $REESCREEN_KAFKA_CONFIG}); and each
 * wrong setting failing fast in one line that names it and prints no secret. One secured stack for the class (its
 * own), with a screener (the release gate) started from the screener command's own settings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredCommandsEmbeddedTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String RELEASES = "sec-model-" + RUN;
    private static final String RETRAINED = "sec-retrain-" + RUN;
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant FROM = BASE.plusSeconds(30);
    private static final Instant TO = BASE.plusSeconds(300);
    private static final Pattern PUBLISHED = Pattern.compile("published (\\S+) to models.releases");
    /** A bound against hanging (a command's check waits 15 s at most by default), not a performance figure. */
    private static final Duration FAST = Duration.ofSeconds(30);
    private static final Duration GATE = Duration.ofSeconds(120);

    /** The reason of this test's dead letters. */
    enum Reason { SECURED_CHECK }

    @TempDir
    static Path dir;
    private static EmbeddedStack stack;
    private static StackSecurity security;
    private static KafkaConnection kafka;
    private static RegistrySerdes serdes;
    private static Path scram;
    private static Path modelFile;
    private static String bootstrapVersion;
    private static ModelArtifact artifact;
    private static Map<String, Object> screenerProperties;
    private static ScreenerService screener;

    /**
     * The secured stack; a tiny model (3 members, 40 epochs) as the screener's bootstrap, the releases' artifact and
     * retrain's base; history written over SCRAM: 20 training examples and 3 lot compositions in the window, 2 dead
     * letters, a comparison on models.performance; then the screener, from the settings the screener command makes.
     */
    @BeforeAll
    static void startSecuredStackAndScreener() throws Exception {
        stack = EmbeddedStack.startSecured(dir.resolve("stack"), false, 0, 0, Topics.ALL);
        security = stack.security();
        scram = security.kafkaClientFile(SaslMechanism.SCRAM_SHA_512);
        kafka = KafkaConnection.of(stack.bootstrapServers(), KafkaClientSecurity.load(scram));
        serdes = new RegistrySerdes(RegistryConnection.of(stack.registryUrl(),
                RegistryClientSettings.load(security.registryClientFile())), true);
        try (ScreeningModel model = EnsembleFitting.fit(new SyntheticAshGenerator(SyntheticSpec.withSeed(1)).generate(120),
                TrainingRecipe.paper().withMembers(3).withSettings(TrainingSettings.paper().withEpochs(40)),
                EnsembleTrainer.Progress.NONE)) {
            artifact = ModelArtifact.of(model, Map.of("data", "synthetic seed 1, 120 rows"), Map.of());
        }
        modelFile = dir.resolve("bootstrap.model");
        Files.write(modelFile, ModelArtifactCodec.encode(artifact));
        bootstrapVersion = BootstrapModel.fromFile(modelFile).version();
        writeHistory();

        ServiceOptions options = new ServiceOptions();
        new CommandLine(options).parseArgs(withRegistry(scram, "--work-dir", dir.resolve("screener").toString(),
                "--bootstrap-model", modelFile.toString(), "--instance-name", "secured-commands"));
        screenerProperties = options.serviceProperties("screener", 0, new PrintStream(OutputStream.nullOutputStream()));
        screenerProperties.put("kafka.streams.screener.application.id", "secured-commands-" + RUN);
        screener = ScreenerService.start(screenerProperties);
        screener.awaitRunning(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        try {
            if (screener != null) {
                screener.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    @Order(1)
    void topicsCheckPassesOverScramOverPlainAndOverMutualTls() {
        for (Path file : List.of(scram, security.kafkaClientFile(SaslMechanism.PLAIN))) {
            CapturedRun run = new CapturedRun();
            assertEquals(0, run.run(kafkaOnly(file, "topics", "--check")), run.err());
            assertTrue(run.out().contains("ok  xrf.readings"), run.out());
        }
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.run("topics", "--check", "--bootstrap-servers", stack.broker().mutualTlsBootstrapServers(),
                "--kafka-config", security.kafkaMutualTlsClientFile().toString()), run.err());
        assertTrue(run.out().contains("ok  lot.compositions"), run.out());
    }

    @Test
    @Order(2)
    void dlqStatsAndAReplayDryRunReadTheDeadLettersOverPlain() {
        Path plain = security.kafkaClientFile(SaslMechanism.PLAIN);
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.run(kafkaOnly(plain, "dlq", "stats", "--topic", "xrf.readings.dlq", "--reason",
                Reason.SECURED_CHECK.name())), run.err());
        assertTrue(run.out().contains("xrf.readings.dlq       2 dead letters"), run.out());

        run = new CapturedRun();
        assertEquals(0, run.run(kafkaOnly(plain, "dlq", "replay", "--reason", Reason.SECURED_CHECK.name(), "--from",
                "beginning", "--dry-run")), run.err());
        assertTrue(run.out().contains("would re-admit 2"), run.out());
    }

    @Test
    @Order(3)
    void performanceReadsItsHistoryThroughTheHttpsRegistryWithBasicCredentials() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.run(withRegistry(scram, "performance", "--from", FROM.toString(), "--to", TO.toString(),
                "--site", "SITE-" + RUN)), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("SITE-" + RUN) && l.contains(" v1 ")), run.out());
    }

    @Test
    @Order(4)
    void retrainPublishesItsReleaseAndRescoreScoresTheWindowWithItOverSaslSsl() {
        CapturedRun run = new CapturedRun();
        assertEquals(0, run.run(withRegistry(scram, "retrain", "--publish", "--from", FROM.toString(), "--to",
                TO.toString(), "--model-name", RETRAINED, "--base-model", modelFile.toString(), "--gate-repetitions", "1",
                "--residual-folds", "0")), run.out() + run.err());
        Matcher published = PUBLISHED.matcher(run.out());
        assertTrue(published.find(), run.out());
        assertTrue(run.out().contains("20 records read, 20 examples"), run.out());
        List<Optional<ModelRelease>> history = ReleaseHistory.read(kafka, Topics.MODEL_RELEASES.name(),
                serdes.valueSerde(ModelRelease.class).deserializer(), RETRAINED, Duration.ofSeconds(30));
        assertEquals(published.group(1), history.get(history.size() - 1).orElseThrow().getVersion());

        run = new CapturedRun();
        assertEquals(0, run.run(withRegistry(scram, "rescore", "--model", published.group(1), "--from", FROM.toString(),
                "--to", TO.toString(), "--model-name", RETRAINED)), run.out() + run.err());
        assertTrue(run.out().contains("compositions  3 read, 3 scored"), run.out());
    }

    @Test
    @Order(5)
    void promoteAndRollbackGetTheReleaseGatesVerdictOverSaslSsl() throws Exception {
        send(ReleaseCommandsEmbeddedTest.release(RELEASES, "v1", bootstrapVersion, artifact));
        send(ReleaseCommandsEmbeddedTest.release(RELEASES, "v2", "v1", artifact));
        awaitServed(List.of("v1", "v2"));

        CapturedRun run = new CapturedRun();
        assertEquals(0, run.run(withRegistry(scram, "model", "promote", "v1", "--model-name", RELEASES,
                "--wait-seconds", "120")), run.out() + run.err());
        assertTrue(run.out().contains("accepted by the release gate (models.served-0@"), run.out());
        assertEquals(0, run.run(withRegistry(scram, "model", "rollback", "--model-name", RELEASES,
                "--wait-seconds", "120")), run.out() + run.err());
        assertEquals("v2", served().get(served().size() - 1).orElseThrow().getVersion());
    }

    @Test
    @Order(6)
    void theScreenerCommandHandsTheServiceTheFilesPathsNeverTheirSecrets() {
        assertEquals(scram.toAbsolutePath().toString(), screenerProperties.get(ServiceConnections.KAFKA_CONFIG));
        assertEquals(security.registryClientFile().toAbsolutePath().toString(),
                screenerProperties.get(ServiceConnections.REGISTRY_CONFIG));
        String everything = screenerProperties.toString();
        for (String secret : secrets()) {
            assertFalse(everything.contains(secret), "a secret among the service's settings");
        }
        assertEquals("SASL_SSL", screener.streamsConfig().getProperty("security.protocol"));
    }

    @Test
    @Order(7)
    void aWrongPasswordFailsEveryCommandFastInOneLineNamingSaslJaasConfigNeverThePassword() throws Exception {
        String wrong = "wr0ng-" + UUID.randomUUID();
        Path file = variant(scram, "kafka-wrong.properties", Map.of("sasl.jaas.config",
                SaslMechanism.SCRAM_SHA_512.clientJaasConfig(new Credentials(security.kafkaUser().name(), wrong))));
        List<String[]> commands = List.of(
                kafkaOnly(file, "topics", "--check"),
                kafkaOnly(file, "dlq", "stats"),
                kafkaOnly(file, "dlq", "replay", "--reason", Reason.SECURED_CHECK.name(), "--from", "beginning",
                        "--dry-run"),
                withRegistry(file, "performance", "--from", "beginning"),
                withRegistry(file, "retrain", "--from", "beginning", "--model-name", RETRAINED, "--base-model",
                        modelFile.toString()),
                withRegistry(file, "rescore", "--model-file", modelFile.toString(), "--from", "beginning"),
                withRegistry(file, "model", "promote", "v1", "--model-name", RELEASES),
                withRegistry(file, "model", "rollback", "--model-name", RELEASES),
                withRegistry(file, "screener", "--http-port", "0", "--work-dir", dir.resolve("s2").toString(),
                        "--bootstrap-model", modelFile.toString()),
                withRegistry(file, "retrainer", "--http-port", "0", "--work-dir", dir.resolve("r2").toString(),
                        "--bootstrap-model", modelFile.toString()));
        for (String[] command : commands) {
            assertRefusedInOneLine(command, "sasl.jaas.config", wrong);
        }
    }

    @Test
    @Order(8)
    void anUntrustedBrokerCertificateOrAnExpiredClientCertificateFailsFastNamingItsSetting() throws Exception {
        Path otherCa = dir.resolve("other-ca.crt");
        Files.writeString(otherCa, CertificateAuthority.create("not the stack's CA", Duration.ofDays(1)).certificatePem());
        Path untrusting = variant(scram, "kafka-other-ca.properties", Map.of("ssl.truststore.type", "PEM",
                "ssl.truststore.location", otherCa.toString()));
        assertRefusedInOneLine(kafkaOnly(untrusting, "topics", "--check"), "ssl.truststore.location");

        String password = "expired-" + UUID.randomUUID();
        Path expiredStore = dir.resolve("expired-client.p12");
        try (OutputStream out = Files.newOutputStream(expiredStore)) {
            security.authority().issueExpired("expired-client").toKeyStore(password.toCharArray())
                    .store(out, password.toCharArray());
        }
        Path expired = variant(security.kafkaMutualTlsClientFile(), "kafka-expired.properties", Map.of(
                "ssl.keystore.type", "PKCS12", "ssl.keystore.location", expiredStore.toString(),
                "ssl.keystore.password", password, "ssl.key.password", password));
        assertRefusedInOneLine(new String[] {"dlq", "stats", "--bootstrap-servers",
                stack.broker().mutualTlsBootstrapServers(), "--kafka-config", expired.toString()},
                "ssl.keystore.location", password);
    }

    @Test
    @Order(9)
    void withoutCredentialsTheSecuredListenerFailsTheChecksAfterTheirTimeoutNamingSecurityProtocol() {
        // A PLAINTEXT client never hears from a SASL_SSL listener: the check ends at its timeout (15 s by default),
        // shortened here since any bound shows the same.
        System.setProperty(KafkaOption.CHECK_TIMEOUT_PROPERTY, "PT3S");
        try {
            assertRefusedInOneLine(new String[] {"topics", "--check", "--bootstrap-servers", stack.bootstrapServers()},
                    "security.protocol");
        } finally {
            System.clearProperty(KafkaOption.CHECK_TIMEOUT_PROPERTY);
        }
    }

    @Test
    @Order(10)
    void aWrongRegistryPasswordFailsInOneLineNamingApicurioRegistryAuthPassword() throws Exception {
        String wrong = "wr0ng-registry-" + UUID.randomUUID();
        Path registry = variant(security.registryClientFile(), "registry-wrong.properties",
                Map.of("apicurio.registry.auth.password", wrong));
        assertRefusedInOneLine(cluster(scram, registry, "performance", "--from", "beginning"),
                "apicurio.registry.auth.password", wrong);
        assertRefusedInOneLine(cluster(scram, registry, "model", "rollback", "--model-name", RELEASES),
                "apicurio.registry.auth.password", wrong);
    }

    @Test
    @Order(11)
    void theVariablesNameTheSettingsAndHelpNeverShowsTheSecretsTheEnvironmentHolds() throws Exception {
        Child topics = Child.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                KafkaOption.CONFIG_VARIABLE, scram.toString()), "topics", "--check");
        assertEquals(0, topics.exit(), topics.output());
        assertTrue(topics.output().contains("ok  xrf.readings"), topics.output());

        String jaas = SaslMechanism.SCRAM_SHA_512.clientJaasConfig(security.kafkaUser());
        Child help = Child.run(Map.of("KAFKA_SASL_JAAS_CONFIG", jaas, "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "APICURIO_REGISTRY_AUTH_PASSWORD", security.registryUser().password(),
                KafkaOption.CONFIG_VARIABLE, scram.toString()), "rescore", "--help");
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().contains("--kafka-config FILE") && help.output().contains("$REESCREEN_KAFKA_CONFIG"),
                help.output());
        for (String secret : secrets()) {
            assertFalse(help.output().contains(secret), "a secret in the help:\n" + help.output());
        }
        assertFalse(help.output().contains(scram.toString()), "the variable's value in the help");
    }

    /** Exit 2 within {@link #FAST}, one line on stderr naming {@code setting}, no secret in stdout or stderr. */
    private static void assertRefusedInOneLine(String[] command, String setting, String... moreSecrets) {
        CapturedRun run = new CapturedRun();
        long started = System.nanoTime();
        int exit = run.run(command);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String what = String.join(" ", command);
        System.out.printf("refused in %d ms: %s%n  %s", took.toMillis(), what, run.err());
        assertEquals(2, exit, what + "\n" + run.out() + run.err());
        assertEquals(1, run.err().lines().count(), what + "\n" + run.err());
        assertTrue(run.err().contains(setting), what + "\n" + run.err());
        List<String> secrets = new ArrayList<>(secrets());
        secrets.addAll(List.of(moreSecrets));
        for (String secret : secrets) {
            assertFalse((run.out() + run.err()).contains(secret), "a secret printed by " + what);
        }
        assertTrue(took.compareTo(FAST) < 0, what + " took " + took);
    }

    private static List<String> secrets() {
        return List.of(security.kafkaUser().password(), security.registryUser().password(), security.storePassword());
    }

    /** A copy of a settings file of the stack with some values replaced, as an operator would edit one. */
    private static Path variant(Path original, String name, Map<String, String> replaced) throws Exception {
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(original)) {
            settings.load(in);
        }
        settings.putAll(replaced);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            settings.store(out, null);
        }
        return file;
    }

    private static String[] kafkaOnly(Path kafkaConfig, String... command) {
        return Stream.concat(Stream.of(command), Stream.of("--bootstrap-servers", stack.bootstrapServers(),
                "--kafka-config", kafkaConfig.toString())).toArray(String[]::new);
    }

    private static String[] withRegistry(Path kafkaConfig, String... command) {
        return cluster(kafkaConfig, security.registryClientFile(), command);
    }

    private static String[] cluster(Path kafkaConfig, Path registryConfig, String... command) {
        return Stream.concat(Stream.of(kafkaOnly(kafkaConfig, command)), Stream.of("--registry-url",
                stack.registryUrl(), "--registry-config", registryConfig.toString())).toArray(String[]::new);
    }

    private static void writeHistory() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            String examples = Topics.TRAINING_EXAMPLES.name();
            var exampleValues = serdes.valueSerde(TrainingExample.class).serializer();
            List<TrainingExample> inside = ReplayCommandsEmbeddedTest.examples("S" + RUN,
                    new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8, BASE);
            for (int i = 0; i < inside.size(); i++) {
                send(producer, examples, FROM.plusSeconds(10 + i), inside.get(i).getLotId(),
                        exampleValues.serialize(examples, inside.get(i)));
            }
            String compositions = Topics.LOT_COMPOSITIONS.name();
            var compositionValues = serdes.valueSerde(LotComposition.class).serializer();
            for (int l = 0; l < 3; l++) {
                String lot = RUN + "-L" + l;
                send(producer, compositions, FROM.plusSeconds(40 + l), lot,
                        compositionValues.serialize(compositions, ReplayCommandsEmbeddedTest.composition(lot, 2, l, BASE)));
            }
            String performance = Topics.MODEL_PERFORMANCE.name();
            send(producer, performance, FROM.plusSeconds(50), "L-" + RUN, serdes.valueSerde(ModelPerformance.class)
                    .serializer().serialize(performance, LabComparisons.of("L-" + RUN, "SITE-" + RUN, "v1", null, 100,
                            110, true, ScreeningOutcome.TRUE_NEGATIVE)));
            for (int i = 0; i < 2; i++) {
                DeadLetter dead = DeadLetter.fitted(("L-" + RUN).getBytes(StandardCharsets.UTF_8),
                        ("not a reading " + i).getBytes(StandardCharsets.UTF_8), DlqHeaders.of(null,
                                Reason.SECURED_CHECK, "written by the test", Topics.XRF_READINGS.name(), 0, i,
                                Instant.now()), DeadLetter.DEFAULT_MAX_RECORD_BYTES);
                producer.send(new ProducerRecord<>(Topics.XRF_READINGS_DLQ.name(), null, dead.key(), dead.value(),
                        dead.headers())).get();
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, Instant time, String key,
                             byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key.getBytes(StandardCharsets.UTF_8),
                value)).get();
    }

    private static void send(ModelRelease release) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientConfig(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(), RELEASES.getBytes(StandardCharsets.UTF_8),
                    serdes.valueSerde(ModelRelease.class).serializer().serialize(Topics.MODEL_RELEASES.name(), release)))
                    .get();
        }
    }

    private static List<Optional<ModelRelease>> served() {
        return ReleaseHistory.read(kafka, Topics.MODEL_SERVED.name(), serdes.valueSerde(ModelRelease.class)
                .deserializer(), RELEASES, Duration.ofSeconds(30));
    }

    private static void awaitServed(List<String> versions) throws InterruptedException {
        long deadline = System.nanoTime() + GATE.toNanos();
        List<Optional<ModelRelease>> seen = served();
        while (!seen.stream().map(r -> r.map(ModelRelease::getVersion).orElse("-")).distinct().toList().equals(versions)) {
            assertTrue(System.nanoTime() < deadline, "the gate serves " + versions + "; models.served has " + seen);
            Thread.sleep(250);
            seen = served();
        }
    }

    /** {@code ./reescreen} in a JVM of its own, with {@code env} added to its environment. */
    private record Child(int exit, String output) {
        static Child run(Map<String, String> env, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Reescreen.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "still running: " + String.join(" ", args));
            return new Child(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        }
    }
}
