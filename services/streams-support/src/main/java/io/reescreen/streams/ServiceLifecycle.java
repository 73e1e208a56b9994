package io.reescreen.streams;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a streams service started from code (the launcher's demo, integration tests) starts and stops its Micronaut
 * context and HTTP server, the same for the screener and the retrainer. Each service keeps its own start class, which
 * builds the context with its own defaults and says which runtime to close.
 */
public final class ServiceLifecycle {

    /** Micronaut's HTTP port key; 0 or less asks for a free port. */
    public static final String SERVER_PORT = "micronaut.server.port";

    private ServiceLifecycle() {
    }

    /** DJL must never try to download at run time (the native library comes as a jar); set unless already set. */
    public static void djlOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * A copy of {@code properties} where a {@value #SERVER_PORT} of 0 or less names a free port, chosen before start
     * so that what the service advertises (Kafka Streams' {@code application.server}) names the real one.
     */
    public static Map<String, Object> withFreePort(Map<String, Object> properties, String service) {
        Map<String, Object> config = new HashMap<>(properties);
        Object port = config.get(SERVER_PORT);
        if (port != null && Integer.parseInt(port.toString().trim()) <= 0) {
            config.put(SERVER_PORT, freePort(service));
        }
        return config;
    }

    /**
     * Reads the service's connections from {@code properties} as its context will (with the environment and system
     * properties) and checks them ({@link ServiceConnections#check}), before anything of the service starts.
     *
     * @throws io.reescreen.schemas.connect.ConnectionProblem one line naming the setting, never a secret
     * @throws IllegalArgumentException                      for a settings file that cannot be used (named)
     */
    public static ServiceConnections checkConnections(Map<String, Object> properties, Duration timeout) {
        ApplicationContext reading = ApplicationContext.builder().deduceEnvironment(false).properties(properties).build();
        Environment environment = reading.getEnvironment().start();
        try {
            ServiceConnections connections = ServiceConnections.from(environment);
            connections.check(timeout);
            return connections;
        } finally {
            environment.stop();
        }
    }

    /**
     * Starts {@code context}, then its HTTP server.
     *
     * @throws RuntimeException when either fails to start (the context is closed again)
     */
    public static EmbeddedServer start(ApplicationContext context) {
        try {
            context.start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return server;
        } catch (RuntimeException | Error e) {
            try {
                context.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Stops the HTTP server, then the service's runtime (its streams), then the context. Idempotent. */
    public static void stop(EmbeddedServer server, Runnable closeRuntime, ApplicationContext context) {
        try {
            if (server.isRunning()) {
                server.stop();
            }
        } finally {
            closeRuntime.run();
            if (context.isRunning()) {
                context.close();
            }
        }
    }

    private static int freePort(String service) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the " + service + "'s HTTP server", e);
        }
    }
}
