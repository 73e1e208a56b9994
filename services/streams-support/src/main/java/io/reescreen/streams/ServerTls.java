package io.reescreen.streams;

import io.micronaut.core.value.PropertyResolver;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a service's HTTP server speaks TLS, and on which port, read from Micronaut's own
 * {@code micronaut.server.ssl.*} keys. With {@value #ENABLED} true Micronaut opens only the HTTPS port
 * ({@value #PORT}, Micronaut's default {@value #DEFAULT_PORT}): the plain port ({@code micronaut.server.port}) stays
 * closed unless {@code micronaut.server.dual-protocol} is set as well. What the service advertises to other
 * instances ({@code application.server}) and what its {@code uri()} names must follow the same rule.
 */
public final class ServerTls {

    /** Micronaut's switch for HTTPS on the server. */
    public static final String ENABLED = "micronaut.server.ssl.enabled";
    /** The HTTPS port; 0 or less asks for a free one (chosen before start). */
    public static final String PORT = "micronaut.server.ssl.port";
    /** The server's key store: a PKCS12 file as {@code file:/path} or a path; its password from the environment. */
    public static final String KEY_STORE_PATH = "micronaut.server.ssl.key-store.path";
    public static final String KEY_STORE_TYPE = "micronaut.server.ssl.key-store.type";
    /** Never a command-line option: {@code MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD} in the environment. */
    public static final String KEY_STORE_PASSWORD = "micronaut.server.ssl.key-store.password";
    /** Micronaut's HTTPS port when {@value #PORT} is not set. */
    public static final int DEFAULT_PORT = 8443;

    private ServerTls() {
    }

    /**
     * The settings of HTTPS only on {@code port} with the PKCS12 key store {@code keyStore}; its password is not among
     * them (Micronaut reads {@value #KEY_STORE_PASSWORD} from {@code MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD}).
     */
    public static Map<String, Object> settings(Path keyStore, int port) {
        return Map.of(ENABLED, true, PORT, port, KEY_STORE_PATH, "file:" + keyStore.toAbsolutePath(),
                KEY_STORE_TYPE, "PKCS12");
    }

    public static boolean enabled(PropertyResolver properties) {
        return properties.getProperty(ENABLED, Boolean.class).orElse(false);
    }

    /** {@code https} when the server speaks TLS, else {@code http}. */
    public static String scheme(PropertyResolver properties) {
        return enabled(properties) ? "https" : "http";
    }

    /** The key of the port clients reach the server on: {@value #PORT} with TLS, {@code micronaut.server.port} without. */
    public static String portKey(PropertyResolver properties) {
        return enabled(properties) ? PORT : ServiceLifecycle.SERVER_PORT;
    }
}
