package io.reescreen.streams;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when a service's streams stop for good: a stream thread that dies on an exception and a client that reaches
 * ERROR (or stops without being asked to) are logged at ERROR, counted ({@link StreamsStateMeters}) and remembered,
 * so liveness fails and an orchestrator restarts the process. Attached to the KafkaStreams before it starts, as its
 * state listener and uncaught-exception handler (micronaut-kafka-streams offers only the handler's answer, through
 * {@code kafka.streams.<name>.uncaught-exception-handler}, which this watch keeps; default SHUTDOWN_CLIENT, Kafka's).
 */
public final class StreamsWatch implements KafkaStreams.StateListener, StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsWatch.class);

    /** What went wrong, first: when, and in an operator's words. */
    public record Failure(Instant at, String what) {
    }

    /** Told of each failure as it happens, for a service that counts them its own way besides the meters. */
    public interface Observer {

        void threadDied(Throwable exception);

        void clientError();
    }

    private static final Observer NOBODY = new Observer() {
        @Override
        public void threadDied(Throwable exception) {
        }

        @Override
        public void clientError() {
        }
    };

    private final String service;
    private final StreamThreadExceptionResponse response;
    private final StreamsStateMeters meters;
    private final Observer observer;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile boolean closeRequested;
    private volatile boolean startFailed;
    private volatile Failure failure;

    private StreamsWatch(String service, StreamThreadExceptionResponse response, StreamsStateMeters meters,
                         Observer observer) {
        this.service = service;
        this.response = response;
        this.meters = meters;
        this.observer = observer;
    }

    /**
     * Becomes {@code streams}' state listener and uncaught-exception handler; {@code streams} must not be started.
     *
     * @param response what a dying stream thread leads to (null: SHUTDOWN_CLIENT)
     */
    public static StreamsWatch attach(KafkaStreams streams, String service, StreamThreadExceptionResponse response,
                                      MeterRegistry registry) {
        return attach(streams, service, response, registry, NOBODY);
    }

    /** As {@link #attach(KafkaStreams, String, StreamThreadExceptionResponse, MeterRegistry)}, telling {@code observer} too. */
    public static StreamsWatch attach(KafkaStreams streams, String service, StreamThreadExceptionResponse response,
                                      MeterRegistry registry, Observer observer) {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(observer, "observer");
        StreamsWatch watch = new StreamsWatch(service,
                response == null ? StreamThreadExceptionResponse.SHUTDOWN_CLIENT : response,
                new StreamsStateMeters(registry, service, streams::state), observer);
        streams.setStateListener(watch);
        streams.setUncaughtExceptionHandler(watch);
        return watch;
    }

    /** The answer to a dying stream thread that {@code value} names ({@code replace_thread}, ...), if it names one. */
    public static Optional<StreamThreadExceptionResponse> response(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StreamThreadExceptionResponse.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring uncaught-exception-handler '{}': not one of {}", value,
                    Arrays.toString(StreamThreadExceptionResponse.values()));
            return Optional.empty();
        }
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state = newState;
        if (newState == KafkaStreams.State.ERROR) {
            meters.clientError();
            observer.clientError();
            remember("the " + service + " streams reached ERROR (from " + oldState + ")");
            LOG.error("the {} streams are in ERROR and process nothing more{}; liveness now fails so that the service "
                    + "is restarted", service, failure == null ? "" : ": " + failure.what());
        } else if (newState == KafkaStreams.State.PENDING_SHUTDOWN && !closeRequested) {
            remember("the " + service + " streams are shutting down without being asked to (from " + oldState + ")");
            LOG.error("the {} streams are shutting down without being asked to; liveness now fails", service);
        } else {
            LOG.info("{} streams {} -> {}", service, oldState, newState);
        }
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        meters.threadDied();
        observer.threadDied(exception);
        remember("a " + service + " stream thread died (" + Thread.currentThread().getName() + "): "
                + rootMessage(exception));
        LOG.error("a {} stream thread died; answering {}", service, response, exception);
        return response;
    }

    /** {@code KafkaStreams#start} threw: the streams will never run in this process. */
    public void startFailed(Throwable exception) {
        startFailed = true;
        remember("the " + service + " streams did not start: " + rootMessage(exception));
    }

    /** Says that a close was asked for: stopping is then not a failure. */
    public void closing() {
        closeRequested = true;
    }

    /** False once the streams stopped for good without being asked to: ERROR, or a shutdown nobody asked for. */
    public boolean alive() {
        KafkaStreams.State s = state;
        if (startFailed && !closeRequested) {
            return false;
        }
        if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR) {
            return false;
        }
        return closeRequested || (s != KafkaStreams.State.PENDING_SHUTDOWN && s != KafkaStreams.State.NOT_RUNNING);
    }

    /**
     * Why the streams stopped for good (ERROR, a dead stream thread, a shutdown nobody asked for), when they did;
     * empty while they run, start, rebalance or were closed on purpose.
     */
    public Optional<String> stoppedForGood() {
        if (alive()) {
            return Optional.empty();
        }
        return Optional.of(failure().map(Failure::what).orElse("the " + service + " streams are " + state));
    }

    /** The first failure seen, if any (a thread replaced by REPLACE_THREAD stays here, while liveness recovers). */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    public KafkaStreams.State state() {
        return state;
    }

    private void remember(String what) {
        if (failure == null) {
            failure = new Failure(Instant.now(), what);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (cause: " + root + ")";
    }
}
