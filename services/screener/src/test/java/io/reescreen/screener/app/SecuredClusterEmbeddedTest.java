package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.schemas.connect.ConnectionProblem;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.connect.RegistryClientSettings;
import io.reescreen.schemas.connect.RegistryConnection;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.SimulationReport;
import io.reescreen.simulator.XrfSimulator;
import io.reescreen.streams.ServiceConnections;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The screener on the secured embedded stack (SASL_SSL broker with SCRAM-SHA-512, HTTPS registry with basic
 * authentication), configured only by the stack's client files, as an operator would: {@code reescreen.kafka.config}
 * and {@code reescreen.registry.config}. One secured stack for the class (its own, besides the module's open one).
 */
class SecuredClusterEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration PROCESSING = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static EmbeddedStack stack;
    private static KafkaConnection kafka;
    private static RegistryConnection registry;

    @BeforeAll
    static void startSecuredStack() throws Exception {
        stack = EmbeddedStack.startSecured(work.resolve("stack"), false, 0, 0, Topics.ALL);
        kafka = KafkaConnection.of(stack.bootstrapServers(),
                KafkaClientSecurity.load(stack.security().kafkaClientFile(SaslMechanism.SCRAM_SHA_512)));
        registry = RegistryConnection.of(stack.registryUrl(),
                RegistryClientSettings.load(stack.security().registryClientFile()));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theScreenerProcessesReadingsEndToEndOverSaslSslWithScram(@TempDir Path state) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = config("it-secured-" + id, state,
                stack.security().kafkaClientFile(SaslMechanism.SCRAM_SHA_512));
        screensEndToEnd(config, "SASL_SSL", id);
    }

    @Test
    void theScreenerProcessesReadingsEndToEndOverMutualTls(@TempDir Path state) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = config("it-mtls-" + id, state, stack.security().kafkaMutualTlsClientFile());
        // the mutual-TLS listener has its own port
        config.put("kafka.bootstrap.servers", stack.mutualTlsClientConfig().get("bootstrap.servers"));
        screensEndToEnd(config, "SSL", id);
    }

    /** The screener started on {@code config} screens the simulator's readings (sent and read back over SCRAM). */
    private static void screensEndToEnd(Map<String, Object> config, String protocol, String id) throws Exception {
        try (ScreenerService screener = ScreenerService.start(config)) {
            screener.awaitRunning(STARTUP);
            assertEquals(protocol, screener.streamsConfig().getProperty("security.protocol"));
            assertEquals(config.get("kafka.bootstrap.servers"),
                    screener.streamsConfig().getProperty("bootstrap.servers"));

            SimulationPlan plan = SimulationPlan.builder().runId("sec" + id).seed(3).lotMix(LotMix.of(3, 0.5, 3))
                    .shotsPerLot(3).totalReadings(9).badInputFraction(0)
                    .clock(ShotClock.stepping(Instant.now().minus(Duration.ofHours(1)), Duration.ofMillis(100)))
                    .build();
            RegistrySerdes serdes = new RegistrySerdes(registry, true);
            SimulationReport report;
            try (XrfSimulator simulator = new XrfSimulator(kafka, serdes, plan, Map.of())) {
                report = simulator.run();
            }
            assertEquals(0, report.failedSends());
            Set<String> lots = report.goodReadingsPerLot().keySet();
            assertEquals(3, lots.size());

            // read_committed over SASL_SSL, as an outside consumer would: each lot's last prediction counts all its readings
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(kafka, Topics.REE_PREDICTIONS.name(),
                    r -> r.key() != null && lots.contains(key(r)), lots.size(), PROCESSING);
            Deserializer<ReePrediction> predictions = serdes.valueSerde(ReePrediction.class).deserializer();
            Map<String, Integer> readingCounts = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                readingCounts.merge(key(r), predictions.deserialize(r.topic(), r.headers(), r.value()).getReadingCount(),
                        Math::max);
            }
            assertEquals(lots, readingCounts.keySet(), "every lot predicted");
            lots.forEach(lot -> assertEquals(report.goodReadingsPerLot().get(lot).intValue(), readingCounts.get(lot), lot));
        }
    }

    /**
     * The outside world's client on the secured cluster: librdkafka (python confluent-kafka) over SASL_SSL with its
     * own settings keys, and the registry's Confluent-compatible API over HTTPS with basic credentials. PLAIN, not
     * SCRAM: librdkafka before 2.6.1 (Debian 12 ships 2.0.2) repeats the client nonce in its SCRAM final message and
     * Kafka 4.x brokers refuse it as invalid credentials (confluentinc/librdkafka#4895); checked here with kcat.
     */
    @Test
    void aLibrdkafkaProducerWithPlainOverTlsIsScreenedAsAnyOther(@TempDir Path state) throws Exception {
        Optional<String> python = OutsideClientEmbeddedTest.pythonWithModules();
        Assumptions.assumeTrue(python.isPresent(), "skipped: no python3 with the confluent_kafka and avro modules"
                + " (Debian: apt-get install python3-confluent-kafka python3-avro)");
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> siteByLot = new LinkedHashMap<>();
        for (int l = 0; l < 4; l++) {
            siteByLot.put("PYS-" + id + "-L" + l, "YARD-" + (char) ('A' + l % 2));
        }
        Path lotSchema = Files.writeString(state.resolve("LotInfo.avsc"), LotInfo.getClassSchema().toString());
        Path readingSchema = Files.writeString(state.resolve("XrfReading.avsc"),
                XrfReading.getClassSchema().toString());
        // librdkafka's keys, not Java's: no sasl.jaas.config, a PEM CA file; the password by reference only
        Path librdkafka = Files.writeString(state.resolve("librdkafka.properties"), String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanisms=PLAIN",
                "sasl.username=" + stack.security().kafkaUser().name(),
                "sasl.password=${env:KAFKA_PASSWORD}",
                "ssl.ca.location=" + stack.security().caCertificate()), StandardCharsets.UTF_8);
        List<String> secured = List.of("--client-config", librdkafka.toString(),
                "--registry-ca", stack.security().caCertificate().toString(),
                "--registry-user", stack.security().registryUser().name());
        Map<String, String> secrets = Map.of("KAFKA_PASSWORD", stack.security().kafkaUser().password(),
                "REGISTRY_PASSWORD", stack.security().registryUser().password());
        String ccompat = stack.registryUrl().replaceFirst("/apis/registry/v3/?$", "") + "/apis/ccompat/v7";
        assertTrue(ccompat.startsWith("https://"), ccompat);

        Map<String, Object> config = config("it-secured-py-" + id, state,
                stack.security().kafkaClientFile(SaslMechanism.SCRAM_SHA_512));
        try (ScreenerService screener = ScreenerService.start(config)) {
            screener.awaitRunning(STARTUP);
            JsonNode lots = OutsideClientEmbeddedTest.produce(python.get(), stack.bootstrapServers(), ccompat, "lots",
                    lotSchema, readingSchema, siteByLot, secured, secrets);
            assertEquals(siteByLot.size(), lots.path("sent").asInt(), lots.toString());
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String lot : siteByLot.keySet()) {
                    assertEquals(200, Http.get(screener.uri(), "lots/" + lot).status(), lot);
                }
            });
            JsonNode readings = OutsideClientEmbeddedTest.produce(python.get(), stack.bootstrapServers(), ccompat,
                    "readings", lotSchema, readingSchema, siteByLot, secured, secrets);
            int perLot = OutsideClientEmbeddedTest.READINGS_PER_LOT;
            assertEquals(siteByLot.size() * perLot, readings.path("sent").asInt(), readings.toString());

            RegistrySerdes serdes = new RegistrySerdes(registry, true);
            Deserializer<ReePrediction> predictions = serdes.valueSerde(ReePrediction.class).deserializer();
            await().atMost(PROCESSING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, Integer> counts = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : TopicReader.read(kafka, Topics.REE_PREDICTIONS.name(),
                        r -> r.key() != null && siteByLot.containsKey(key(r)), siteByLot.size(), PROCESSING)) {
                    counts.merge(key(r), predictions.deserialize(r.topic(), r.headers(), r.value()).getReadingCount(),
                            Math::max);
                }
                siteByLot.keySet().forEach(lot -> assertEquals(perLot, counts.getOrDefault(lot, 0), lot));
            });
        }
    }

    @Test
    void aScreenerWithAWrongPasswordFailsItsStartWithinSecondsNamingSaslJaasConfig(@TempDir Path state)
            throws Exception {
        String wrongPassword = "wr0ng-" + UUID.randomUUID();
        Path wrong = state.resolve("kafka-wrong.properties");
        Files.writeString(wrong, String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + stack.security().kafkaUser().name() + "\" password=\"" + wrongPassword + "\";",
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + stack.security().caCertificate()), StandardCharsets.UTF_8);
        Map<String, Object> config = config("it-wrong-" + UUID.randomUUID(), state, wrong);

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Map<Logger, Level> levels = new HashMap<>();
        for (String name : List.of("org.apache.kafka", "io.reescreen", "io.micronaut")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.INFO); // Kafka prints every client's configuration at INFO
        }
        log.start();
        root.addAppender(log);
        long started = System.nanoTime();
        RuntimeException failure;
        try {
            failure = assertThrows(RuntimeException.class, () -> ScreenerService.start(config).close());
        } finally {
            root.detachAppender(log);
            levels.forEach(Logger::setLevel);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // a bound against hanging (the check waits 15 s at most), not a performance figure
        assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "the start failed after " + took);
        ConnectionProblem problem = assertThrowsCause(failure);
        assertEquals("sasl.jaas.config", problem.setting());
        assertTrue(problem.getMessage().contains("sasl.jaas.config"), problem.getMessage());
        assertFalse(problem.getMessage().contains("\n"), "one line: " + problem.getMessage());
        assertFalse(problem.getMessage().contains(wrongPassword), problem.getMessage());
        assertFalse(log.list.isEmpty(), "the start's log was captured");
        for (ILoggingEvent event : log.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertFalse(text.contains(wrongPassword), "the password in the log: " + event.getLoggerName());
        }
    }

    private static ConnectionProblem assertThrowsCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectionProblem problem) {
                return problem;
            }
        }
        throw new AssertionError("no ConnectionProblem in " + failure, failure);
    }

    private static Map<String, Object> config(String applicationId, Path state, Path kafkaConfig) {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", stack.bootstrapServers());
        p.put(ServiceConnections.KAFKA_CONFIG, kafkaConfig.toString());
        p.put("reescreen.registry.url", stack.registryUrl());
        p.put(ServiceConnections.REGISTRY_CONFIG, stack.security().registryClientFile().toString());
        p.put("kafka.streams.screener.application.id", applicationId);
        p.put("kafka.streams.screener.state.dir", state.toString());
        p.put("micronaut.server.port", -1);
        p.put("reescreen.screener.model-name", "it-secured-model");
        p.put("reescreen.screener.bootstrap.synthetic-rows", 120);
        p.put("reescreen.screener.bootstrap.members", 3);
        p.put("reescreen.screener.bootstrap.epochs", 8);
        p.put("reescreen.screener.prediction.noise-samples", 16);
        return p;
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }
}
