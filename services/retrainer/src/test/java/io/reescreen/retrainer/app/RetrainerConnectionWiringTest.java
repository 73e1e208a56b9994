package io.reescreen.retrainer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.reescreen.retrainer.held.HeldAcceptance;
import io.reescreen.retrainer.performance.DriftAlarmPublisher;
import io.reescreen.retrainer.release.KafkaAttemptRecorder;
import io.reescreen.retrainer.release.KafkaReleasePublisher;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.streams.ServiceConnections;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The retrainer's clients are made from one connection. No broker is needed: what each Kafka client was handed is
 * read from the configuration Kafka itself prints when it makes one ("ProducerConfig values: ..."), so the streams'
 * own clients count too; the secured stack's end-to-end test checks that the settings work.
 */
class RetrainerConnectionWiringTest {

    private static final String PASSWORD = "wiring-Pa55";
    private static final Pattern DUMP = Pattern.compile("^(\\w+Config) values: ");
    private static final Pattern CLIENT_ID = Pattern.compile("\\tclient\\.id = (\\S*)");

    @Test
    void everyClientTheRetrainerMakesCarriesTheSecuritySettingsOfItsConfigFiles(@TempDir Path dir) throws Exception {
        Path kafkaFile = write(dir.resolve("kafka-client.properties"), Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"reescreen\" password=\"" + PASSWORD + "\";"));
        Path registryFile = write(dir.resolve("registry-client.properties"), Map.of(
                "apicurio.registry.auth.username", "reescreen", "apicurio.registry.auth.password", "r3gistry-Pa55"));
        String bootstrap = "127.0.0.1:" + closedPort();
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", bootstrap);
        p.put(ServiceConnections.KAFKA_CONFIG, kafkaFile.toString());
        p.put("reescreen.registry.url", "http://127.0.0.1:" + closedPort() + "/apis/registry/v3");
        p.put(ServiceConnections.REGISTRY_CONFIG, registryFile.toString());
        p.put(RetrainerProperties.SERVICE, RetrainerProperties.STREAM_NAME);
        p.put("kafka.streams.retrainer.application.id", "it-retrainer-wiring");
        p.put("kafka.streams.retrainer.state.dir", dir.resolve("state").toString());
        p.put(RetrainerProperties.AUTO_START, false);
        p.put(RetrainerProperties.BOOTSTRAP_ROWS, 60);
        p.put(RetrainerProperties.BOOTSTRAP_MEMBERS, 2);
        p.put(RetrainerProperties.BOOTSTRAP_EPOCHS, 2);
        // No broker answers: the start-up partition check still makes its admin client (checked below like every
        // client that prints its configuration), but need not wait its production 10 s for the cluster.
        p.put(RetrainerProperties.PARTITION_CHECK_TIMEOUT, "1s");

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
        Level level = kafka.getLevel();
        kafka.setLevel(Level.INFO); // Kafka prints each client's configuration at INFO
        log.start();
        root.addAppender(log);
        try (ApplicationContext context = RetrainerService.builder().properties(p).start()) {
            context.getBean(RetrainerRuntime.class);
            context.getBean(KafkaReleasePublisher.class);
            context.getBean(KafkaAttemptRecorder.class);
            context.getBean(HeldAcceptance.class);
            context.getBean(DriftAlarmPublisher.class);
            @SuppressWarnings("unchecked")
            Supplier<Consumer<byte[], byte[]>> readers = context.getBean(Supplier.class,
                    Qualifiers.byName(RetrainerProperties.STREAM_NAME));
            readers.get().close();
            Map<String, Object> serde = context.getBean(RegistrySerdes.class).config(TrainingExample.class);
            assertEquals("reescreen", serde.get("apicurio.registry.auth.username"));
            assertEquals("r3gistry-Pa55", serde.get("apicurio.registry.auth.password"));
        } finally {
            root.detachAppender(log);
            kafka.setLevel(level);
        }

        Set<String> clients = new TreeSet<>();
        for (ILoggingEvent event : log.list) {
            String text = event.getFormattedMessage();
            assertFalse(text.contains(PASSWORD), "the password in the log: " + event.getLoggerName());
            Matcher dump = DUMP.matcher(text);
            if (!dump.find() || !text.contains("\tbootstrap.servers = [" + bootstrap + "]")) {
                continue; // another test's client, or not a configuration
            }
            Matcher id = CLIENT_ID.matcher(text);
            String client = dump.group(1) + " " + (id.find() ? id.group(1) : "?");
            assertTrue(text.contains("\tsecurity.protocol = SASL_PLAINTEXT"), client);
            if (!client.startsWith("StreamsConfig")) { // Kafka Streams defines no sasl.* keys of its own: its clients do
                assertTrue(text.contains("\tsasl.mechanism = PLAIN"), client);
                assertTrue(text.contains("\tsasl.jaas.config = [hidden]"), client);
            }
            clients.add(client);
        }
        for (String expected : List.of("ProducerConfig reescreen-retrainer-releases",
                "ProducerConfig reescreen-retrainer-attempts", "ProducerConfig reescreen-retrainer-held",
                "ProducerConfig reescreen-retrainer-drift", "AdminClientConfig reescreen-retrainer-health",
                "StreamsConfig ")) {
            assertTrue(clients.stream().anyMatch(c -> c.startsWith(expected)), expected + " among " + clients);
        }
        // the topic readers have no group and no client id of their own: Kafka names them consumer-null-<n>
        assertTrue(clients.stream().anyMatch(c -> c.startsWith("ConsumerConfig consumer-null-")),
                "a topic reader among " + clients);
        assertTrue(clients.stream().anyMatch(c -> c.endsWith("-StreamThread-1-producer")), "the streams' producer");
    }

    private static Path write(Path file, Map<String, String> entries) throws IOException {
        Properties properties = new Properties();
        properties.putAll(entries);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        return file;
    }

    /** A loopback port nobody listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
