package io.reescreen.retrainer.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.configuration.kafka.streams.KafkaStreamsFactory;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.context.event.StartupEvent;
import io.reescreen.retrainer.champion.ChampionTracker;
import io.reescreen.retrainer.examples.IgnoredRecords;
import io.reescreen.retrainer.follow.AttemptHistory;
import io.reescreen.retrainer.follow.ExampleFeed;
import io.reescreen.retrainer.follow.TopicFollower;
import io.reescreen.retrainer.held.HeldAcceptance;
import io.reescreen.retrainer.held.HeldLabResults;
import io.reescreen.retrainer.streams.BrokerReachability;
import io.reescreen.retrainer.streams.StreamFailures;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.retrainer.training.RetrainingSchedule;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.RetrainingAttempt;
import io.reescreen.schemas.Topics;
import io.reescreen.streams.ServiceConnections;
import io.reescreen.streams.StreamsWatch;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running retrainer: the join's KafkaStreams, a follower of models.releases that keeps the champion, a follower
 * of models.attempts that restores the history of attempts, and a follower of training.examples that feeds the
 * retraining loop, plus the schedule. Started once the application context is up (the HTTP server still starting), in that
 * order (the examples wait until the champion is known, so no challenger is judged against a stale one); stopped in
 * the reverse order on shutdown.
 */
@Context
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class RetrainerRuntime implements ApplicationEventListener<ShutdownEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainerRuntime.class);
    private static final Duration MIN_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BROKER_CHECK_EVERY = Duration.ofSeconds(2);

    private final KafkaStreams streams;
    private final ConfiguredStreamBuilder builder;
    private final KafkaStreamsFactory streamsFactory;
    private final RetrainerConfig config;
    private final RetrainingLoop loop;
    private final ChampionTracker champion;
    private final ExampleFeed feed;
    private final TopicFollower releases;
    private final TopicFollower examples;
    private final TopicFollower attempts;
    private final TopicFollower heldFollower;
    private final HeldLabResults held;
    private final HeldAcceptance acceptance;
    private final IgnoredRecords ignored;
    private final StreamFailures failures;
    private final StreamsWatch watch;
    private final BrokerReachability broker;
    private final boolean autoStart;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RetrainingSchedule schedule;

    public RetrainerRuntime(@Named(RetrainerProperties.STREAM_NAME) KafkaStreams streams,
                            @Named(RetrainerProperties.STREAM_NAME) ConfiguredStreamBuilder builder,
                            KafkaStreamsFactory streamsFactory, RetrainerConfig config, RetrainingLoop loop,
                            ChampionTracker champion, ExampleFeed feed,
                            @Named(RetrainerProperties.STREAM_NAME) Supplier<Consumer<byte[], byte[]>> readers,
                            RegistrySerdes registry, IgnoredRecords ignored, HeldLabResults held,
                            HeldAcceptance acceptance, MeterRegistry meters, ServiceConnections connections,
                            @Value("${" + RetrainerProperties.AUTO_START + ":true}") boolean autoStart) {
        this.streams = streams;
        this.builder = builder;
        this.streamsFactory = streamsFactory;
        this.config = config;
        this.loop = loop;
        this.champion = champion;
        this.feed = feed;
        Deserializer<RetrainingAttempt> attemptDeserializer = registry.valueSerde(RetrainingAttempt.class).deserializer();
        // What the screeners' release gate accepted, not what was published: the champion is what they serve.
        this.releases = new TopicFollower(Topics.MODEL_SERVED.name(), readers, champion::onRecord);
        this.examples = new TopicFollower(Topics.TRAINING_EXAMPLES.name(), readers, feed);
        this.attempts = new TopicFollower(Topics.MODEL_ATTEMPTS.name(), readers,
                new AttemptHistory(config.modelName(), loop, attemptDeserializer));
        this.ignored = ignored;
        this.held = held;
        this.acceptance = acceptance;
        this.heldFollower = new TopicFollower(Topics.LAB_RESULTS_HELD.name(), readers, held);
        Properties streamsConfig = builder.getConfiguration();
        this.failures = StreamFailures.of(streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        // The join always shuts the client down when a thread dies: an orchestrator restarts it rather than leave it
        // limping on with fewer threads.
        this.watch = StreamsWatch.attach(streams, RetrainerProperties.STREAM_NAME,
                StreamThreadExceptionResponse.SHUTDOWN_CLIENT, meters, failures);
        this.broker = BrokerReachability.start(connections.kafka(), BROKER_CHECK_EVERY);
        this.autoStart = autoStart;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The Kafka Streams configuration of the join (a copy). */
    public Properties streamsConfig() {
        Properties copy = new Properties();
        copy.putAll(builder.getConfiguration());
        return copy;
    }

    /**
     * Why the retrainer stopped working for good, or null while it has not: the join's streams (a thread died, or
     * ERROR), or one of the topic followers (champion, examples, attempts, held results) stopped.
     */
    public String streamsDead() {
        Optional<String> stopped = watch.stoppedForGood();
        if (stopped.isPresent()) {
            return stopped.get();
        }
        for (TopicFollower f : new TopicFollower[] {releases, examples, attempts, heldFollower}) {
            if (f.stopped() != null) {
                return f.stopped();
            }
        }
        return null;
    }

    /** Processing errors skipped, writes dropped, threads died in the join's streams. */
    public StreamFailures failures() {
        return failures;
    }

    /** Records on lots and lot.compositions the join passed over, by reason. */
    public IgnoredRecords ignored() {
        return ignored;
    }

    /** Lab results held out of training until a person accepts them. */
    public HeldLabResults held() {
        return held;
    }

    public HeldAcceptance acceptance() {
        return acceptance;
    }

    /** Null while the broker answers; else why not (read from a background check, never waits). */
    public String brokerProblem() {
        return broker.problem();
    }

    public RetrainerConfig config() {
        return config;
    }

    public RetrainingLoop loop() {
        return loop;
    }

    public ChampionTracker champion() {
        return champion;
    }

    public ExampleFeed feed() {
        return feed;
    }

    /** True once the champion is known and the examples and attempts already on their topics are loaded. */
    public boolean caughtUp() {
        return releases.isCaughtUp() && examples.isCaughtUp() && attempts.isCaughtUp();
    }

    /** Starts everything in the background unless it was started already. */
    public void start() {
        if (!started.compareAndSet(false, true) || closed.get()) {
            return;
        }
        Thread starter = new Thread(() -> {
            try {
                streams.start();
                LOG.info("retrainer streams started ({})", streams.state());
                releases.start();
                attempts.start();
                heldFollower.start();
                while (!closed.get() && !releases.awaitCaughtUp(Duration.ofSeconds(10))) {
                    LOG.info("waiting for models.served before taking training examples");
                }
                if (closed.get()) {
                    return;
                }
                LOG.info("champion {}; following training.examples", champion.version());
                examples.start();
                startSchedule();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("the retrainer did not start", e);
            }
        }, "retrainer-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startSchedule() {
        if (!config.schedule().isZero()) {
            schedule = RetrainingSchedule.start(loop, config.schedule());
        }
    }

    /** Once the context is up, not the HTTP server: joining the group overlaps the server's start (restarts). */
    @EventListener
    void onContextStarted(StartupEvent event) {
        if (autoStart) {
            start();
        } else {
            LOG.info("{}=false: the retrainer waits to be started", RetrainerProperties.AUTO_START);
        }
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        close();
    }

    /** Schedule, examples, releases, then the streams (waiting for them to commit). Idempotent. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RetrainingSchedule s = schedule;
        if (s != null) {
            s.close();
        }
        examples.close();
        heldFollower.close();
        attempts.close();
        releases.close();
        Duration configured = builder.getCloseTimeout();
        Duration timeout = configured.compareTo(MIN_CLOSE_TIMEOUT) < 0 ? MIN_CLOSE_TIMEOUT : configured;
        if (streams.state() != KafkaStreams.State.NOT_RUNNING) {
            watch.closing();
            if (!streams.close(timeout)) {
                LOG.warn("the retrainer streams did not close within {}", timeout);
            }
            streamsFactory.getStreams().remove(streams);
        }
        broker.close();
        LOG.info("retrainer stopped; champion was {}", champion.version());
    }
}
