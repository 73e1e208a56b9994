package io.reescreen.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    @Test
    void streamsThatMayStillProcessAreAliveWhateverTheirState() {
        HealthResult r = StreamsHealth.liveness("s", KafkaStreams.State.REBALANCING, null, Map.of("threadsDied", 0));
        assertEquals(HealthStatus.UP, r.getStatus());
        assertEquals(Map.of("streamsState", "REBALANCING", "threadsDied", 0), r.getDetails());
    }

    @Test
    void streamsThatStoppedForGoodAreDownWithTheReasonLast() {
        HealthResult r = StreamsHealth.liveness("s", KafkaStreams.State.ERROR, "a stream thread died",
                Map.of("failure", "x"));
        assertEquals(HealthStatus.DOWN, r.getStatus());
        assertEquals(List.of("streamsState", "failure", "reason"), List.copyOf(details(r).keySet()));
        assertEquals("a stream thread died", details(r).get("reason"));
    }

    @Test
    void readinessNeedsRunningStreamsAndEverythingElseReady() {
        assertEquals(HealthStatus.UP,
                StreamsHealth.readiness("s", KafkaStreams.State.RUNNING, true, null, Map.of()).getStatus());
        assertEquals(HealthStatus.DOWN,
                StreamsHealth.readiness("s", KafkaStreams.State.REBALANCING, true, null, Map.of()).getStatus());
        HealthResult broker = StreamsHealth.readiness("s", KafkaStreams.State.RUNNING, false, "no broker",
                Map.of("caughtUp", true));
        assertEquals(HealthStatus.DOWN, broker.getStatus());
        assertEquals(List.of("reason", "streamsState", "caughtUp"), List.copyOf(details(broker).keySet()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult r) {
        return (Map<String, Object>) r.getDetails();
    }
}
