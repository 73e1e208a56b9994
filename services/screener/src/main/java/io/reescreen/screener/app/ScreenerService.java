package io.reescreen.screener.app;

import io.reescreen.model.ensemble.ModelDevice;
import io.reescreen.model.training.BootstrapModel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.reescreen.screener.serving.CurrentModel;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import io.reescreen.streams.ServiceLifecycle;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The screener service started from code (the launcher's demo, integration tests): a Micronaut application context
 * with its HTTP server, wrapping {@code ApplicationContext.run}. Close it to stop (streams first, then the model).
 * <pre>{@code
 * try (ScreenerService screener = ScreenerService.start(Map.of(
 *         "kafka.bootstrap.servers", bootstrapServers,
 *         "reescreen.registry.url", registryUrl))) {
 *     screener.awaitRunning(Duration.ofSeconds(60));
 *     URI lots = screener.uri().resolve("/lots/" + lotId);
 * }
 * }</pre>
 * The properties are Micronaut configuration keys (services/screener/README.md lists them); they win over
 * {@code application.properties} and the environment. A {@code micronaut.server.port} of 0 or -1 means a free port,
 * chosen before start so that Kafka Streams' {@code application.server} names it; with TLS on
 * ({@code micronaut.server.ssl.enabled}) the same holds for {@code micronaut.server.ssl.port}, the only port served.
 */
public final class ScreenerService implements AutoCloseable {

    /** How long the start waits for a secured cluster or registry to answer the connection check. */
    static final Duration CONNECTION_CHECK_TIMEOUT = Duration.ofSeconds(15);

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final ScreenerRuntime runtime;

    private ScreenerService(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
        this.runtime = context.getBean(ScreenerRuntime.class);
    }

    /**
     * Starts the screener: trains or loads the bootstrap model, builds the streams, starts them in the background
     * (unless {@value ScreenerRuntime#AUTO_START} is false) and opens the HTTP port. Returns once the HTTP server is
     * up; the streams are still starting ({@link #awaitRunning(Duration)}).
     *
     * @throws io.reescreen.schemas.connect.ConnectionProblem when a secured cluster or registry refuses the settings or
     *                                                        does not answer within 15 s (one line naming the setting)
     * @throws ModelDevice.Unavailable {@code reescreen.model.device=gpu} where PyTorch sees no GPU (one line: what to do)
     * @throws RuntimeException when anything fails to start (everything started so far is stopped again)
     */
    public static ScreenerService start(Map<String, Object> properties) {
        Objects.requireNonNull(properties, "properties");
        ServiceLifecycle.djlOffline();
        Map<String, Object> config = ServiceLifecycle.withFreePort(properties, ScreenerProperties.STREAM_NAME);
        // A refused password or certificate fails the start here, in one line, instead of killing the streams later.
        ServiceLifecycle.checkConnections(config, CONNECTION_CHECK_TIMEOUT);
        // So is a model device this machine lacks (the context would bury the reason under its bean path).
        ModelDevice.select(ModelDevice.requested(
                key -> config.containsKey(key) ? String.valueOf(config.get(key)) : System.getProperty(key), System::getenv));
        ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(config)
                .build();
        return new ScreenerService(context, ServiceLifecycle.start(context));
    }

    /** The HTTP port (the HTTPS port with {@code micronaut.server.ssl.enabled}: then no plain HTTP is served). */
    public int httpPort() {
        return server.getPort();
    }

    /**
     * {@code http://localhost:<port>/} ({@code https://} with TLS on), the base of {@code /lots/{id}}, {@code /model},
     * {@code /health}, {@code /prometheus}.
     */
    public URI uri() {
        return ServiceLifecycle.uri(server);
    }

    /**
     * Starts the streams in the background if they have not been started (for
     * {@code reescreen.screener.streams.auto-start=false}).
     */
    public void startStreams() {
        runtime.startStreams();
    }

    /** The screener's KafkaStreams. */
    public KafkaStreams streams() {
        return runtime.streams();
    }

    public KafkaStreams.State streamsState() {
        return runtime.state();
    }

    /**
     * Why the streams stopped for good (ERROR, a dead stream thread, a shutdown nobody asked for), when they did;
     * empty while they run, start, rebalance or were closed on purpose.
     */
    public Optional<String> streamsFailure() {
        return runtime.watch().stoppedForGood();
    }

    /** The model in force (swapped by releases on models.releases). */
    public CurrentModel model() {
        return runtime.models();
    }

    public BootstrapModel bootstrapModel() {
        return runtime.bootstrap();
    }

    public MicrometerScreenerMetrics metrics() {
        return runtime.metrics();
    }

    /** The Kafka Streams configuration in force (a copy): application.id, application.server, state.dir, ... */
    public Properties streamsConfig() {
        return runtime.streamsConfig();
    }

    public ApplicationContext context() {
        return context;
    }

    /**
     * Waits until the streams are RUNNING (topics assigned, stores restored).
     *
     * @throws TimeoutException      when they are not RUNNING within {@code timeout}
     * @throws IllegalStateException when they stopped (ERROR, NOT_RUNNING) instead
     */
    public void awaitRunning(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            KafkaStreams.State state = streamsState();
            if (state == KafkaStreams.State.RUNNING) {
                return;
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the screener streams are " + state + ", not RUNNING");
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the screener streams are still " + state + " after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Stops the HTTP server, then the streams, then the model; waits for the streams to commit. Idempotent. */
    @Override
    public void close() {
        ServiceLifecycle.stop(server, runtime::close, context);
    }
}
