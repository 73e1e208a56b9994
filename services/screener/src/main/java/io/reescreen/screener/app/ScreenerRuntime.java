package io.reescreen.screener.app;

import io.micronaut.context.annotation.Requires;
import io.reescreen.model.training.BootstrapModel;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.configuration.kafka.streams.KafkaStreamsFactory;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.context.event.StartupEvent;
import io.reescreen.streams.StreamsWatch;
import io.reescreen.screener.health.StreamsStatus;
import io.reescreen.screener.http.ServedStreams;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.reescreen.screener.predict.InputBacklog;
import io.reescreen.screener.serving.CurrentModel;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running screener as the HTTP layer and the health check see it: its KafkaStreams (built by
 * micronaut-kafka-streams from the {@code screener} builder, {@link ScreenerFactory}, and started here as soon as the
 * application context is up, while the HTTP server is still starting), this instance's {@code application.server}, the model in force and the metrics. On shutdown it closes
 * the streams first and then the model holder, before any bean is destroyed (the shutdown event comes first), so no
 * stream thread ever predicts with a closed model.
 */
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Context
public class ScreenerRuntime implements ApplicationEventListener<ShutdownEvent>, StreamsStatus, ServedStreams {

    /** Whether the streams start by themselves once the application context is up (default true). */
    public static final String AUTO_START = "reescreen.screener.streams.auto-start";
    /**
     * micronaut-kafka-streams' per-stream answer to a dying stream thread ({@code replace_thread},
     * {@code shutdown_client}, {@code shutdown_application}); the screener keeps it, default shutdown_client.
     */
    static final String UNCAUGHT_EXCEPTION_HANDLER = "uncaught-exception-handler";
    /**
     * At least this long for the streams to commit and close, whatever {@code close-timeout} says (micronaut-kafka's
     * default of 3 s is short for EOS); default 10 s. Tests whose streams never reach a broker set it shorter.
     */
    public static final String MIN_CLOSE_TIMEOUT = "reescreen.screener.streams.min-close-timeout";

    private static final Logger LOG = LoggerFactory.getLogger(ScreenerRuntime.class);

    private final KafkaStreams streams;
    private final ConfiguredStreamBuilder builder;
    private final KafkaStreamsFactory streamsFactory;
    private final CurrentModel models;
    private final BootstrapModel bootstrap;
    private final MicrometerScreenerMetrics metrics;
    private final boolean autoStart;
    private final Duration minCloseTimeout;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closeWaited = new AtomicBoolean();
    /**
     * Whether {@code KafkaStreams#start} returned: it sets REBALANCING first and only then restores the global
     * models.served store (the stored release is loaded as it is restored), so REBALANCING alone does not mean the
     * model in force is the served release (bench faults: a restarted screener's first /model named the bootstrap).
     */
    private final AtomicBoolean releasesLoaded = new AtomicBoolean();
    private final StreamsWatch watch;

    /**
     * Takes the screener's KafkaStreams by name: micronaut-kafka-streams builds it eagerly anyway, but the eager
     * initialisation of its per-builder beans stops at the first disabled one (the unused default, see
     * {@link UnusedDefaultStream}), so this injection is what guarantees the screener's is built.
     */
    public ScreenerRuntime(@Named(ScreenerProperties.STREAM_NAME) KafkaStreams streams,
                           @Named(ScreenerProperties.STREAM_NAME) ConfiguredStreamBuilder builder,
                           KafkaStreamsFactory streamsFactory, CurrentModel models, BootstrapModel bootstrap,
                           MicrometerScreenerMetrics metrics, @Value("${" + AUTO_START + ":true}") boolean autoStart,
                           @Value("${" + MIN_CLOSE_TIMEOUT + ":10s}") Duration minCloseTimeout,
                           InputBacklog backlog) {
        this.streams = streams;
        this.builder = builder;
        this.streamsFactory = streamsFactory;
        this.models = models;
        this.bootstrap = bootstrap;
        this.metrics = metrics;
        this.autoStart = autoStart;
        this.minCloseTimeout = minCloseTimeout;
        backlog.watch(streams::metrics, streams::metadataForLocalThreads);
        this.watch = StreamsWatch.attach(streams, ScreenerProperties.STREAM_NAME,
                StreamsWatch.response(builder.getConfiguration().getProperty(UNCAUGHT_EXCEPTION_HANDLER)).orElse(null),
                metrics.registry());
    }

    /** The screener's KafkaStreams. */
    @Override
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Whether the streams stopped for good, and why (liveness, the demo). */
    @Override
    public StreamsWatch watch() {
        return watch;
    }

    public boolean isRunning() {
        return state() == KafkaStreams.State.RUNNING;
    }

    /**
     * Whether the global models.served store is restored and its release for this screener's name loaded, so that
     * the model in force is the served release (or the bootstrap when models.served holds none). Until then
     * {@code /model} answers 503; nothing is scored meanwhile (stream threads start after the global store).
     */
    @Override
    public boolean releasesLoaded() {
        return releasesLoaded.get();
    }

    /** The Kafka Streams configuration the screener runs with (a copy). */
    @Override
    public Properties streamsConfig() {
        Properties copy = new Properties();
        copy.putAll(builder.getConfiguration());
        return copy;
    }

    /** This instance's {@code application.server}, if it has one. */
    @Override
    public Optional<HostInfo> self() {
        String server = streamsConfig().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, "");
        return server.isBlank() ? Optional.empty() : Optional.of(HostInfo.buildFromEndpoint(server));
    }

    public CurrentModel models() {
        return models;
    }

    public BootstrapModel bootstrap() {
        return bootstrap;
    }

    public MicrometerScreenerMetrics metrics() {
        return metrics;
    }

    /**
     * Starts the streams on a thread of their own, unless they were started already. {@code KafkaStreams#start}
     * blocks until the global model-releases store is loaded (for as long as Kafka is unreachable), so it must not
     * hold up the HTTP server: {@code /health} says 503 meanwhile.
     */
    public void startStreams() {
        if (streams.state() == KafkaStreams.State.CREATED && started.compareAndSet(false, true)) {
            Thread starter = new Thread(() -> {
                try {
                    streams.start(); // returns once the global models.served store is restored
                    releasesLoaded.set(true);
                    LOG.info("screener streams started ({}); model in force {}", streams.state(),
                            models.info().version());
                } catch (RuntimeException e) {
                    watch.startFailed(e);
                    LOG.error("the screener streams did not start; liveness fails", e);
                }
            }, "screener-streams-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    /**
     * Once the context is up, not once the HTTP server is: the model is loaded by then (a constructor argument), and
     * joining the group and restoring the stores overlaps the HTTP server's start instead of following it (restarts).
     */
    @EventListener
    void onContextStarted(StartupEvent event) {
        if (autoStart) {
            startStreams();
        } else {
            LOG.info("{}=false: the screener streams wait to be started", AUTO_START);
        }
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        close();
    }

    /**
     * Streams first (waiting up to {@code kafka.streams.screener.close-timeout}, at least {@value #MIN_CLOSE_TIMEOUT}),
     * then the model.
     * Idempotent. The streams are closed on a thread of their own: {@code KafkaStreams#close} waits for a
     * {@code start()} still loading the global store (Kafka unreachable), and shutdown must not hang on it.
     */
    public void close() {
        Duration configured = builder.getCloseTimeout();
        Duration timeout = configured.compareTo(minCloseTimeout) < 0 ? minCloseTimeout : configured;
        started.set(true); // a close wins over a start that has not happened yet
        watch.closing();
        // Waited for once: a second close (the context's shutdown after ScreenerService#close) would wait as long again
        // for streams that did not close the first time.
        if (streams.state() != KafkaStreams.State.NOT_RUNNING && closeWaited.compareAndSet(false, true)) {
            LOG.info("closing the screener streams (up to {})", timeout);
            Thread closer = new Thread(() -> {
                if (!streams.close(timeout)) {
                    LOG.warn("the screener streams did not close within {}", timeout);
                }
            }, "screener-streams-close");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(timeout.plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closer.isAlive()) {
                LOG.warn("the screener streams are still starting (is Kafka reachable?) and did not close within {}; "
                        + "stopping without them", timeout);
                // micronaut-kafka-streams would close them again on the shutdown thread and wait for start() as well
            }
            // closed (or given up on) here: micronaut-kafka-streams would otherwise close them again (seconds)
            streamsFactory.getStreams().remove(streams);
        }
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.ERROR
                || state == KafkaStreams.State.CREATED) {
            models.close();
            LOG.info("screener stopped; model {} released", models.info().version());
        } else {
            // A stream thread may still be scoring: closing the model under it would publish a composition
            // without its prediction in a transaction that could still commit. The process exit frees it.
            LOG.warn("screener stopped with its streams still {}: model {} left open for their last predictions",
                    state, models.info().version());
        }
    }
}
