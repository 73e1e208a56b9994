package io.reescreen.streams;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.reescreen.schemas.connect.ConnectionProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
     * A copy of {@code properties} where a {@value #SERVER_PORT} or an HTTPS port ({@value ServerTls#PORT}) of 0 or
     * less names a free port, chosen before start so that what the service advertises (Kafka Streams'
     * {@code application.server}) names the real one.
     */
    public static Map<String, Object> withFreePort(Map<String, Object> properties, String service) {
        Map<String, Object> config = new HashMap<>(properties);
        for (String key : new String[] {SERVER_PORT, ServerTls.PORT}) {
            Object port = config.get(key);
            if (port != null && Integer.parseInt(port.toString().trim()) <= 0) {
                config.put(key, freePort(service));
            }
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
        return checkConnections(properties, new String[0], timeout);
    }

    /**
     * As {@link #checkConnections(Map, Duration)}, with a main's command-line arguments read as Micronaut reads them
     * ({@code --key=value} wins over the environment), for a service started by its {@code main}.
     */
    public static ServiceConnections checkConnections(Map<String, Object> properties, String[] args,
                                                      Duration timeout) {
        ApplicationContext reading = ApplicationContext.builder().deduceEnvironment(false).properties(properties)
                .args(args).build();
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
     * For a service's {@code main}: what {@link #checkConnections(Map, String[], Duration)} refuses, as the one line to
     * print instead of starting; empty when the connections are fine (or an open cluster is not asked).
     */
    public static Optional<String> connectionRefusal(Map<String, Object> properties, String[] args, Duration timeout) {
        try {
            checkConnections(properties, args, timeout);
            return Optional.empty();
        } catch (ConnectionProblem | IllegalArgumentException e) {
            // both name the setting or the file, never a value
            return Optional.of(e.getMessage());
        }
    }

    /**
     * A service's {@code main} checks its connections as {@code ScreenerService.start}/{@code RetrainerService.start}
     * do: on a refusal it prints one line on stderr and exits with status 1, before anything of the service starts.
     */
    public static void exitOnConnectionRefusal(String service, Map<String, Object> properties, String[] args,
                                               Duration timeout) {
        connectionRefusal(properties, args, timeout).ifPresent(why -> {
            System.err.println(service + " cannot start: " + why);
            System.exit(1);
        });
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

    /**
     * {@code http://localhost:<port>/}, or {@code https://} when the server speaks TLS ({@link ServerTls}): the base a
     * client on this machine reaches the service's HTTP API on.
     */
    public static URI uri(EmbeddedServer server) {
        return URI.create(server.getScheme() + "://localhost:" + server.getPort() + "/");
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
