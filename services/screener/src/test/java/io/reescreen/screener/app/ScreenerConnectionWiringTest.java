package io.reescreen.screener.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.board.BoardRuntime;
import io.reescreen.screener.health.BrokerProbe;
import io.reescreen.streams.ServiceConnections;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screener's clients are made from one connection: the settings of {@code reescreen.kafka.config} and
 * {@code reescreen.registry.config} reach the streams (and so their own clients), the broker probe, the board's
 * consumer and producer, and the serdes. No broker is needed: the settings handed over are what is checked; the
 * secured stack's end-to-end test checks that they work.
 */
class ScreenerConnectionWiringTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"reescreen\" password=\"wiring-Pa55\";";
    private static final Map<String, String> KAFKA_SECURITY = Map.of("security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS);

    @Test
    void everyClientTheScreenerMakesCarriesTheSecuritySettingsOfItsConfigFiles(@TempDir Path dir) throws IOException {
        Path kafkaFile = write(dir.resolve("kafka-client.properties"), KAFKA_SECURITY);
        Path registryFile = write(dir.resolve("registry-client.properties"), Map.of(
                "apicurio.registry.auth.username", "reescreen", "apicurio.registry.auth.password", "r3gistry-Pa55"));
        String bootstrap = "127.0.0.1:" + closedPort();
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", bootstrap);
        p.put(ServiceConnections.KAFKA_CONFIG, kafkaFile.toString());
        p.put("reescreen.registry.url", "http://127.0.0.1:" + closedPort() + "/apis/registry/v3");
        p.put(ServiceConnections.REGISTRY_CONFIG, registryFile.toString());
        p.put("kafka.streams.screener.application.id", "it-connection-wiring");
        p.put("kafka.streams.screener.state.dir", dir.resolve("state").toString());
        p.put(ScreenerRuntime.AUTO_START, false);
        // The start asks the absent cluster for partition counts: no need to wait the production 10 s for its silence.
        p.put(ScreenerProperties.PARTITION_CHECK_TIMEOUT, "1s");
        p.put("reescreen.screener.bootstrap.synthetic-rows", 60);
        p.put("reescreen.screener.bootstrap.members", 2);
        p.put("reescreen.screener.bootstrap.epochs", 2);
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).properties(p).start()) {
            Map<String, Map<String, ?>> clients = Map.of(
                    "streams", asMap(context.getBean(ScreenerRuntime.class).streamsConfig()),
                    "broker probe", context.getBean(BrokerProbe.class).adminConfig(),
                    "board feed", context.getBean(BoardRuntime.class).feed().consumerConfig(),
                    "board acknowledgements", context.getBean(BoardRuntime.class).acknowledgementProducerConfig());
            clients.forEach((client, config) -> {
                assertEquals(bootstrap, config.get("bootstrap.servers"), client);
                KAFKA_SECURITY.forEach((key, value) -> assertEquals(value, config.get(key), client + " " + key));
            });

            RegistrySerdes serdes = context.getBean(RegistrySerdes.class);
            Map<String, Object> serde = serdes.config(XrfReading.class);
            assertEquals("reescreen", serde.get("apicurio.registry.auth.username"));
            assertEquals("r3gistry-Pa55", serde.get("apicurio.registry.auth.password"));
            assertTrue(context.getBean(ServiceConnections.class).describe()
                    .startsWith("kafka " + bootstrap + " over SASL_PLAINTEXT (PLAIN)"));
        }
    }

    private static Map<String, ?> asMap(Properties properties) {
        Map<String, Object> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(k.toString(), v));
        return map;
    }

    private static Path write(Path file, Map<String, String> entries) throws IOException {
        Properties properties = new Properties();
        properties.putAll(entries);
        try (var out = Files.newOutputStream(file)) {
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
