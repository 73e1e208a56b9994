package io.reescreen.retrainer.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.retrainer.app.RetrainerRuntime;
import io.reescreen.retrainer.streams.StreamFailures;
import io.reescreen.streams.StreamsHealth;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/**
 * Alive until the join's streams stop for good (a stream thread died, or the client reached ERROR): then
 * {@code /health/liveness} (and {@code /health}) answer 503 with why, so an orchestrator restarts the process rather
 * than leave a retrainer that answers HTTP but joins nothing. Reads state only; never waits on the broker.
 */
@Singleton
@Liveness
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class RetrainerLiveness implements HealthIndicator {

    private final RetrainerRuntime runtime;

    public RetrainerLiveness(RetrainerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(judge(runtime.streamsDead(), runtime.state(), runtime.failures()));
    }

    /** DOWN with the reason once the streams stopped for good ({@code dead} not null), else UP. */
    public static HealthResult judge(String dead, KafkaStreams.State state, StreamFailures failures) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threadsDied", failures.threadsDied());
        return StreamsHealth.liveness(RetrainerProperties.STREAM_NAME + "-streams", state, dead, details);
    }
}
