package io.reescreen.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLifecycleTest {

    private static final Duration CHECK = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aFreePortIsChosenForTheHttpsPortAsForThePlainOne() {
        Map<String, Object> config = ServiceLifecycle.withFreePort(
                Map.of(ServiceLifecycle.SERVER_PORT, -1, ServerTls.PORT, 0, ServerTls.ENABLED, true), "screener");
        int plain = Integer.parseInt(config.get(ServiceLifecycle.SERVER_PORT).toString());
        int https = Integer.parseInt(config.get(ServerTls.PORT).toString());
        assertTrue(plain > 0 && https > 0, config.toString());
        assertNotEquals(plain, https);
        assertEquals(Map.of(ServerTls.PORT, 9443), ServiceLifecycle.withFreePort(Map.of(ServerTls.PORT, 9443), "x"),
                "a fixed port stays");
    }

    @Test
    void withTlsOnTheServiceIsReachedOverHttpsOnItsSslPort() {
        PropertySourcePropertyResolver on = resolver(Map.of(ServerTls.ENABLED, "true", ServerTls.PORT, 9443));
        assertEquals("https", ServerTls.scheme(on));
        assertEquals(ServerTls.PORT, ServerTls.portKey(on));
        Map<String, Object> settings = ServerTls.settings(Path.of("server.p12"), 9443);
        assertEquals("file:" + Path.of("server.p12").toAbsolutePath(), settings.get(ServerTls.KEY_STORE_PATH));
        assertFalse(settings.containsKey(ServerTls.KEY_STORE_PASSWORD), "the password only from the environment");
        assertEquals("https", ServerTls.scheme(resolver(settings)));
        PropertySourcePropertyResolver off = resolver(Map.of(ServiceLifecycle.SERVER_PORT, 8080));
        assertEquals("http", ServerTls.scheme(off));
        assertEquals(ServiceLifecycle.SERVER_PORT, ServerTls.portKey(off));
    }

    @Test
    void aMainsCommandLineSettingIsCheckedAsTheStartFromCodeChecksItsMap() throws IOException {
        Path kafka = dir.resolve("kafka.properties");
        Path missing = dir.resolve("no-such-ca.crt");
        Files.writeString(kafka, "security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=" + missing
                + "\n");
        Optional<String> refusal = ServiceLifecycle.connectionRefusal(Map.of(),
                new String[] {"--" + ServiceConnections.KAFKA_CONFIG + "=" + kafka}, CHECK);
        assertTrue(refusal.isPresent(), "the file on the command line was read and its truststore checked");
        assertTrue(refusal.get().contains("ssl.truststore.location"), refusal.get());
        assertFalse(refusal.get().contains("\n"), "one line: " + refusal.get());

        Optional<String> noFile = ServiceLifecycle.connectionRefusal(
                Map.of(ServiceConnections.KAFKA_CONFIG, dir.resolve("absent.properties").toString()), new String[0],
                CHECK);
        assertTrue(noFile.isPresent() && noFile.get().contains("absent.properties"), noFile.toString());
    }

    @Test
    void anOpenClusterIsNotAskedSoAMainStartsAsBefore() {
        assertEquals(Optional.empty(), ServiceLifecycle.connectionRefusal(
                Map.of(ServiceConnections.BOOTSTRAP_SERVERS, "127.0.0.1:1"), new String[0], CHECK));
    }

    private static PropertySourcePropertyResolver resolver(Map<String, Object> properties) {
        return new PropertySourcePropertyResolver(PropertySource.of("test", new HashMap<>(properties)));
    }
}
