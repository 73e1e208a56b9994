package io.reescreen.retrainer.streams;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when a KafkaStreams client stops for good: a stream thread dies (the client is then shut down, so an
 * orchestrator restarts the process rather than it limping on with fewer threads) or the client reaches ERROR.
 * Says so at ERROR in the log and counts it; {@link #dead()} is what liveness and {@code GET /retrain} report.
 */
public final class StreamsWatch {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsWatch.class);

    private final String name;
    private final StreamFailures failures;
    private final AtomicReference<String> death = new AtomicReference<>();

    private StreamsWatch(String name, StreamFailures failures) {
        this.name = name;
        this.failures = failures;
    }

    /** Watches {@code streams}; call before {@code streams.start()}. */
    public static StreamsWatch on(KafkaStreams streams, String name, StreamFailures failures) {
        StreamsWatch watch = new StreamsWatch(name, failures);
        streams.setUncaughtExceptionHandler(watch::threadDied);
        streams.setStateListener(watch::stateChanged);
        return watch;
    }

    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse threadDied(Throwable e) {
        failures.threadDied(e.toString());
        death.compareAndSet(null, "a stream thread died: " + e);
        LOG.error("THE {} STREAMS STOP: a stream thread died; the client shuts down and liveness fails", name, e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private void stateChanged(KafkaStreams.State now, KafkaStreams.State before) {
        if (now == KafkaStreams.State.ERROR) {
            failures.reachedError();
            death.compareAndSet(null, "the streams reached ERROR (from " + before + ")");
            LOG.error("THE {} STREAMS ARE IN ERROR and process nothing more; liveness fails", name);
        } else {
            LOG.info("{} streams {} -> {}", name, before, now);
        }
    }

    /** Why the streams are dead for good, or null while they are not. */
    public String dead() {
        return death.get();
    }
}
