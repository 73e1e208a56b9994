package io.reescreen.screener.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.reescreen.streams.StreamsHealth;
import io.reescreen.streams.StreamsWatch;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Alive unless the screener's streams stopped for good ({@link StreamsWatch#alive()}): once they reach ERROR, or stop
 * without being asked to, {@code /health/liveness} and {@code /health} answer 503 with the reason, so an orchestrator
 * restarts the process; nothing in it would ever make a prediction again. Starting, rebalancing, restoring and a
 * broker that is away are not failures of the process (readiness says those).
 */
@Requires(beans = StreamsStatus.class)
@Singleton
@Liveness
public class StreamsLivenessIndicator implements HealthIndicator {

    public static final String NAME = "screenerStreamsAlive";

    private final StreamsStatus streams;

    public StreamsLivenessIndicator(StreamsStatus streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        StreamsWatch watch = streams.watch();
        Map<String, Object> details = new LinkedHashMap<>();
        watch.failure().ifPresent(f -> {
            details.put("failure", f.what());
            details.put("failedAt", f.at().toString());
        });
        String stopped = watch.alive() ? null : "the screener's streams stopped for good; restart the service";
        return Publishers.just(StreamsHealth.liveness(NAME, streams.state(), stopped, details));
    }
}
