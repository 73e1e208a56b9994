package io.reescreen.retrainer.streams;

import io.reescreen.streams.StreamsWatch;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What went wrong inside one Kafka Streams application (by application id), counted: records skipped after a
 * processing error, records whose write was dropped, stream threads that died, and whether the client reached ERROR.
 * Kafka instantiates the exception handlers by class name, so they find their counts here through the application id.
 */
public final class StreamFailures implements StreamsWatch.Observer {

    private static final Map<String, StreamFailures> BY_APPLICATION = new ConcurrentHashMap<>();

    private final AtomicLong processingErrorsSkipped = new AtomicLong();
    private final AtomicLong productionErrorsDropped = new AtomicLong();
    private final AtomicLong threadsDied = new AtomicLong();
    private final AtomicLong errorStates = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    private StreamFailures() {
    }

    /** The counts of the streams application {@code applicationId} (one per application in this JVM). */
    public static StreamFailures of(String applicationId) {
        return BY_APPLICATION.computeIfAbsent(String.valueOf(applicationId), k -> new StreamFailures());
    }

    void processingErrorSkipped(String what) {
        processingErrorsSkipped.incrementAndGet();
        lastFailure.set(Instant.now() + " processing error, record skipped: " + what);
    }

    void productionErrorDropped(String what) {
        productionErrorsDropped.incrementAndGet();
        lastFailure.set(Instant.now() + " write dropped: " + what);
    }

    @Override
    public void threadDied(Throwable exception) {
        threadsDied.incrementAndGet();
        lastFailure.set(Instant.now() + " stream thread died: " + exception);
    }

    @Override
    public void clientError() {
        errorStates.incrementAndGet();
    }

    public long processingErrorsSkipped() {
        return processingErrorsSkipped.get();
    }

    public long productionErrorsDropped() {
        return productionErrorsDropped.get();
    }

    public long threadsDied() {
        return threadsDied.get();
    }

    /** How often the client went to ERROR (0 or 1 for one client: ERROR is final). */
    public long errorStates() {
        return errorStates.get();
    }

    /** The last thing that went wrong, with when; empty if nothing did. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }
}
