package io.reescreen.streams;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How a service's health indicators judge its Kafka Streams, the same for the screener and the retrainer. Both read
 * state only (never the broker), so {@code /health} answers at once whatever Kafka does.
 */
public final class StreamsHealth {

    private StreamsHealth() {
    }

    /**
     * Liveness: UP until the streams stopped for good, then DOWN with why, so an orchestrator restarts the process.
     * Starting, rebalancing and a broker that is away are not failures of the process.
     *
     * @param stoppedForGood why the streams will never process again, or null while they may
     * @param details        what the service adds, after {@code streamsState} and before {@code reason}
     */
    public static HealthResult liveness(String name, KafkaStreams.State state, String stoppedForGood,
                                        Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("streamsState", state.name());
        all.putAll(details);
        if (stoppedForGood != null) {
            all.put("reason", stoppedForGood);
        }
        return HealthResult.builder(name, stoppedForGood == null ? HealthStatus.UP : HealthStatus.DOWN)
                .details(all).build();
    }

    /**
     * Readiness: UP only while the streams are RUNNING (not while they start, rebalance, restore or after an error)
     * and the service has nothing else holding it back.
     *
     * @param othersReady whatever else the service waits for (caught up with its inputs, the broker answering)
     * @param reason      why it is not ready, shown first, or null
     * @param details     what the service adds, after {@code streamsState}
     */
    public static HealthResult readiness(String name, KafkaStreams.State state, boolean othersReady, String reason,
                                         Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>();
        if (reason != null) {
            all.put("reason", reason);
        }
        all.put("streamsState", state.name());
        all.putAll(details);
        boolean up = state == KafkaStreams.State.RUNNING && othersReady;
        return HealthResult.builder(name, up ? HealthStatus.UP : HealthStatus.DOWN).details(all).build();
    }
}
