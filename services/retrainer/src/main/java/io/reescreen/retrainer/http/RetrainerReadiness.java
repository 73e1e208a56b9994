package io.reescreen.retrainer.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.retrainer.app.RetrainerRuntime;
import io.reescreen.streams.StreamsHealth;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
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
        String broker = runtime.brokerProblem();
        boolean caughtUp = runtime.caughtUp();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caughtUp", caughtUp);
        details.put("championVersion", runtime.champion().version());
        details.put("examples", runtime.loop().exampleCount());
        return Publishers.just(StreamsHealth.readiness(RetrainerProperties.STREAM_NAME, runtime.state(),
                caughtUp && broker == null, broker != null ? broker : runtime.streamsDead(), details));
    }
}
