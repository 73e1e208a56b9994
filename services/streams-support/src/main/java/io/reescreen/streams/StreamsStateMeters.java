package io.reescreen.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A service's Kafka Streams client as Prometheus sees it:
 * <ul>
 *   <li>{@value #FAILURES} [{@code reescreen_streams_failures_total}], tags {@code service} and {@code kind}
 *       ({@code stream_thread_died}: a stream thread ended on an exception; {@code client_error}: the client reached
 *       ERROR and processes nothing more)</li>
 *   <li>{@value #STATE} [{@code reescreen_streams_state}], tags {@code service} and {@code state}: 1 for the state
 *       the client is in, 0 for every other, so an alert can say {@code reescreen_streams_state{state="ERROR"} == 1}</li>
 * </ul>
 */
public final class StreamsStateMeters {

    public static final String FAILURES = "reescreen.streams.failures";
    public static final String STATE = "reescreen.streams.state";
    public static final String THREAD_DIED = "stream_thread_died";
    public static final String CLIENT_ERROR = "client_error";

    private final Counter threadDied;
    private final Counter clientError;

    /**
     * @param service e.g. {@code screener}
     * @param state   the client's current state, read when the gauges are scraped
     */
    public StreamsStateMeters(MeterRegistry registry, String service, Supplier<KafkaStreams.State> state) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(state, "state");
        threadDied = counter(registry, service, THREAD_DIED);
        clientError = counter(registry, service, CLIENT_ERROR);
        Map<KafkaStreams.State, Gauge> gauges = new EnumMap<>(KafkaStreams.State.class);
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            gauges.put(s, Gauge.builder(STATE, state, current -> current.get() == s ? 1 : 0)
                    .tag("service", service).tag("state", s.name()).strongReference(true)
                    .description("1 for the state the Kafka Streams client is in").register(registry));
        }
    }

    public void threadDied() {
        threadDied.increment();
    }

    public void clientError() {
        clientError.increment();
    }

    private static Counter counter(MeterRegistry registry, String service, String kind) {
        return Counter.builder(FAILURES).tag("service", service).tag("kind", kind)
                .description("Kafka Streams failures: a stream thread died, or the client reached ERROR")
                .register(registry);
    }
}
