package io.reescreen.retrainer.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import io.reescreen.streams.ServiceLifecycle;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The retrainer service started from code (the demo, end-to-end tests): a Micronaut application context with its
 * HTTP server. Close it to stop.
 * <pre>{@code
 * try (RetrainerService retrainer = RetrainerService.start(Map.of(
 *         "kafka.bootstrap.servers", bootstrapServers,
 *         "reescreen.registry.url", registryUrl,
 *         "micronaut.server.port", 0))) {
 *     retrainer.awaitReady(Duration.ofSeconds(60));
 * }
 * }</pre>
 * The properties win over the environment, which wins over {@link RetrainerProperties}' defaults. A
 * {@code micronaut.server.port} of 0 or less means a free port; with TLS on ({@code micronaut.server.ssl.enabled})
 * the same holds for {@code micronaut.server.ssl.port}, the only port served.
 */
public final class RetrainerService implements AutoCloseable {

    /** Below the environment and system properties, above any application.properties on the classpath. */
    private static final int DEFAULTS_ORDER = -250;
    /** How long the start waits for a secured cluster or registry to answer the connection check. */
    static final Duration CONNECTION_CHECK_TIMEOUT = Duration.ofSeconds(15);

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final RetrainerRuntime runtime;

    private RetrainerService(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
        this.runtime = context.getBean(RetrainerRuntime.class);
    }

    /**
     * Starts the retrainer: loads or trains the bootstrap model, builds the join, starts the streams and the followers in
     * the background and opens the HTTP port. Returns once the HTTP server is up.
     */
    public static RetrainerService start(Map<String, Object> properties) {
        Objects.requireNonNull(properties, "properties");
        ServiceLifecycle.djlOffline();
        Map<String, Object> config = ServiceLifecycle.withFreePort(properties, RetrainerProperties.STREAM_NAME);
        config.put(RetrainerProperties.SERVICE, RetrainerProperties.STREAM_NAME);
        // A refused password or certificate fails the start here, in one line, instead of killing the streams later.
        ServiceLifecycle.checkConnections(config, CONNECTION_CHECK_TIMEOUT);
        ApplicationContext context = builder().properties(config).build();
        return new RetrainerService(context, ServiceLifecycle.start(context));
    }

    /** A context builder with the retrainer's defaults under everything else (also for the stand-alone main). */
    static ApplicationContextBuilder builder() {
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .propertySources(PropertySource.of("retrainer-defaults", RetrainerProperties.defaults(), DEFAULTS_ORDER));
    }

    public int httpPort() {
        return server.getPort();
    }

    /**
     * {@code http://localhost:<port>/} ({@code https://} with TLS on): {@code /retrain}, {@code /retrain/history},
     * {@code /health}, {@code /prometheus}.
     */
    public URI uri() {
        return ServiceLifecycle.uri(server);
    }

    public RetrainerRuntime runtime() {
        return runtime;
    }

    public ApplicationContext context() {
        return context;
    }

    /**
     * Waits until the join runs and the champion and the examples already on the topic are read.
     *
     * @throws TimeoutException      when not ready within {@code timeout}
     * @throws IllegalStateException when the streams stopped instead
     */
    public void awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            KafkaStreams.State state = runtime.state();
            if (state == KafkaStreams.State.RUNNING && runtime.caughtUp()) {
                return;
            }
            if (state == KafkaStreams.State.ERROR
                    || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new IllegalStateException("the retrainer streams are " + state);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the retrainer is not ready after " + timeout + " (streams " + state
                        + ", caught up " + runtime.caughtUp() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** Stops the HTTP server, the followers and the streams. Idempotent. */
    @Override
    public void close() {
        ServiceLifecycle.stop(server, runtime::close, context);
    }
}
