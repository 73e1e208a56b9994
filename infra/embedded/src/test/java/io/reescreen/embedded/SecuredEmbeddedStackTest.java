package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.embedded.security.StackSecurity;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The whole stack secured: the broker over SASL_SSL and mutual TLS, the registry over HTTPS with basic
 * authentication, its KafkaSQL journal over the broker's mutual-TLS listener. One stack for the class, with every
 * log event of its start captured (Kafka's and ours at INFO) to look for passwords.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredEmbeddedStackTest {

    @TempDir
    static Path workDir;

    private static EmbeddedStack stack;
    private static final ListAppender<ILoggingEvent> STARTUP_LOG = new ListAppender<>();

    @BeforeAll
    static void startSecuredStack() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Logger> quietened = List.of(logger("org.apache.kafka"), logger("kafka"), logger("io.reescreen"));
        Map<Logger, Level> levels = new HashMap<>();
        quietened.forEach(logger -> levels.put(logger, logger.getLevel()));
        List<Appender<ILoggingEvent>> console = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(console::add);
        // Everything at INFO (Kafka prints its whole configuration there) into the list, nothing to the console.
        console.forEach(root::detachAppender);
        quietened.forEach(logger -> logger.setLevel(Level.INFO));
        STARTUP_LOG.start();
        root.addAppender(STARTUP_LOG);
        try {
            stack = EmbeddedStack.startSecured(workDir.resolve("stack"), false, 0, 0, Topics.ALL);
        } finally {
            root.detachAppender(STARTUP_LOG);
            levels.forEach(Logger::setLevel);
            console.forEach(root::addAppender);
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyTopicOfTheDesignExistsAndAScramClientSeesThem() throws Exception {
        try (Admin admin = Admin.create(stack.kafkaClientConfig(SaslMechanism.SCRAM_SHA_512))) {
            new TopicProvisioner(admin, (short) 1).verify(Topics.ALL);
        }
        assertTrue(stack.isSecured());
        assertTrue(stack.registryUrl().startsWith("https://127.0.0.1:"), stack.registryUrl());
    }

    @Test
    void anXrfReadingRoundTripsThroughTheHttpsRegistryWithBasicCredentialsAndTheSaslSslBroker() throws Exception {
        XrfReading sent = SampleReadings.oxideShot("lot-secured-" + UUID.randomUUID(), 1);
        produce(sent);

        // Written over SCRAM, read back over PLAIN through a deserializer that never saw the schema.
        assertEquals(sent, readBack(sent.getLotId(), stack.kafkaClientConfig(SaslMechanism.PLAIN)));
    }

    @Test
    void theRegistryKeepsItsSchemasAcrossARestartOnTheSecuredBroker() throws Exception {
        XrfReading sent = SampleReadings.oxideShot("lot-kept-" + UUID.randomUUID(), 2);
        produce(sent);

        stack.restartRegistry(Duration.ofMillis(200));

        // A fresh deserializer asks the restarted registry for the schema id: only the replayed journal knows it.
        assertEquals(sent, readBack(sent.getLotId(), stack.mutualTlsClientConfig()));
    }

    @Test
    void anOpenStacksSerdesAreRefusedOnASecuredStackNamingWhatIsMissing() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, stack::serdes);
        assertTrue(refused.getMessage().contains("registryClientConfig"), refused.getMessage());
    }

    /** Last: it stops the class's stack and starts it again on its folder. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aSecuredStackRestartedOnItsFolderServesTheSameCredentialsRecordsAndSchemas() throws Exception {
        XrfReading sent = SampleReadings.oxideShot("lot-before-restart-" + UUID.randomUUID(), 3);
        produce(sent);
        StackSecurity before = stack.security();
        String caBefore = before.authority().certificatePem();

        stack.close();
        stack = EmbeddedStack.startSecured(workDir.resolve("stack"), false, 0, 0, Topics.ALL);

        StackSecurity after = stack.security();
        assertEquals(caBefore, after.authority().certificatePem());
        assertEquals(before.kafkaUser().password(), after.kafkaUser().password());
        assertEquals(before.registryUser().password(), after.registryUser().password());
        assertEquals(sent, readBack(sent.getLotId(), stack.kafkaClientConfig(SaslMechanism.SCRAM_SHA_512)));
    }

    @Test
    void noPasswordReachesTheLogsOfASecuredStart() throws Exception {
        StackSecurity security = stack.security();
        List<String> secrets = List.of(security.storePassword(), security.kafkaUser().password(),
                security.registryUser().password());
        assertTrue(STARTUP_LOG.list.size() > 100, "Kafka's INFO lines were not captured: " + STARTUP_LOG.list.size());
        assertTrue(STARTUP_LOG.list.stream().anyMatch(e -> e.getFormattedMessage().contains("sasl.jaas.config")),
                "Kafka's configuration dump was not captured");
        for (ILoggingEvent event : STARTUP_LOG.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a password in the log of " + event.getLoggerName());
            }
        }
        String registryLog = Files.readString(stack.registry().logFile());
        for (String secret : secrets) {
            assertFalse(registryLog.contains(secret), "a password in the registry's log");
        }
    }

    private static void produce(XrfReading reading) throws Exception {
        AvroKafkaSerializer<XrfReading> serializer = new AvroKafkaSerializer<>();
        serializer.configure(registryConfig(), false);
        try (KafkaProducer<String, XrfReading> producer = new KafkaProducer<>(
                stack.kafkaClientConfig(SaslMechanism.SCRAM_SHA_512), new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(Topics.XRF_READINGS.name(), reading.getLotId(), reading)).get();
        }
    }

    /** The reading of {@code lotId} on xrf.readings (other tests' readings are skipped), decoded by a new serde. */
    private static XrfReading readBack(String lotId, Map<String, Object> client) {
        AvroKafkaDeserializer<XrfReading> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(registryConfig(), false);
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "secured-stack-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.XRF_READINGS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (lotId.equals(record.key())) {
                        return deserializer.deserialize(record.topic(), record.headers(), record.value());
                    }
                }
            }
        }
        throw new AssertionError("no reading of " + lotId + " within 60 s");
    }

    private static Map<String, Object> registryConfig() {
        Map<String, Object> config = new HashMap<>(new RegistrySerdes(stack.registryUrl(), true).config(XrfReading.class));
        config.putAll(stack.registryClientConfig());
        return config;
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
