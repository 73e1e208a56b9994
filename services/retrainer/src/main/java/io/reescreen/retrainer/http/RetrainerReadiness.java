package io.reescreen.retrainer.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.retrainer.app.RetrainerRuntime;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Ready when the join's streams are RUNNING, the broker answers (from a background check: this never waits on the
 * broker, so it answers at once while the broker is down), and the champion and the examples so far have been read.
 */
@Singleton
@Readiness
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class RetrainerReadiness implements HealthIndicator {

    private final RetrainerRuntime runtime;

    public RetrainerReadiness(RetrainerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = runtime.state();
        String broker = runtime.brokerProblem();
        boolean up = state == KafkaStreams.State.RUNNING && runtime.caughtUp() && broker == null;
        Map<String, Object> details = new LinkedHashMap<>();
        if (broker != null) {
            details.put("reason", broker);
        } else if (runtime.streamsDead() != null) {
            details.put("reason", runtime.streamsDead());
        }
        details.put("streamsState", state.name());
        details.put("caughtUp", runtime.caughtUp());
        details.put("championVersion", runtime.champion().version());
        details.put("examples", runtime.loop().exampleCount());
        return Publishers.just(HealthResult.builder(RetrainerProperties.STREAM_NAME, up ? HealthStatus.UP
                : HealthStatus.DOWN).details(details).build());
    }
}
