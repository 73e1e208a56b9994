package io.reescreen.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch's judgement: what counts as stopping for good, what it counts, and what a close on purpose is. */
class StreamsWatchTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aDyingThreadAndAClientInErrorAreCountedRememberedAndFailLiveness(@TempDir Path state) {
        try (KafkaStreams streams = streams(state)) {
            StreamsWatch watch = StreamsWatch.attach(streams, "screener", null, registry);
            watch.onChange(State.REBALANCING, State.CREATED);
            watch.onChange(State.RUNNING, State.REBALANCING);
            assertTrue(watch.alive());
            assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                    watch.handle(new StreamsException("boom", new IllegalStateException("root cause"))));
            watch.onChange(State.PENDING_ERROR, State.RUNNING);
            assertFalse(watch.alive());
            watch.onChange(State.ERROR, State.PENDING_ERROR);
            assertFalse(watch.alive());
            assertTrue(watch.failure().orElseThrow().what().contains("stream thread died"));
            assertTrue(watch.failure().orElseThrow().what().contains("root cause"));
            assertEquals(1.0, count(StreamsStateMeters.THREAD_DIED));
            assertEquals(1.0, count(StreamsStateMeters.CLIENT_ERROR));
        }
    }

    @Test
    void aCloseOnPurposeIsNoFailureButAShutdownNobodyAskedForIs(@TempDir Path state) {
        try (KafkaStreams streams = streams(state)) {
            StreamsWatch watch = StreamsWatch.attach(streams, "screener",
                    StreamsWatch.response("replace_thread").orElseThrow(), registry);
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, watch.handle(new RuntimeException("once")));
            assertTrue(watch.alive(), "a replaced thread keeps the client alive (but is counted)");
            assertEquals(1.0, count(StreamsStateMeters.THREAD_DIED));
            watch.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
            assertFalse(watch.alive(), "nobody asked for this shutdown");
        }
        try (KafkaStreams streams = streams(state)) {
            StreamsWatch watch = StreamsWatch.attach(streams, "screener", null, new SimpleMeterRegistry());
            watch.closing();
            watch.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
            watch.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);
            assertTrue(watch.alive());
            assertTrue(watch.failure().isEmpty());
        }
        assertTrue(StreamsWatch.response("no such answer").isEmpty());
    }

    private double count(String kind) {
        return registry.get(StreamsStateMeters.FAILURES).tag("kind", kind).counter().count();
    }

    private static KafkaStreams streams(Path state) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "watch-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        return new KafkaStreams(builder.build(), p);
    }
}
