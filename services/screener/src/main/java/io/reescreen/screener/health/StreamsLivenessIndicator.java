package io.reescreen.screener.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.reescreen.screener.app.ScreenerProperties;
import io.reescreen.screener.app.ScreenerRuntime;
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
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Singleton
@Liveness
public class StreamsLivenessIndicator implements HealthIndicator {

    public static final String NAME = "screenerStreamsAlive";

    private final ScreenerRuntime runtime;

    public StreamsLivenessIndicator(ScreenerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        StreamsWatch watch = runtime.watch();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streamsState", runtime.state().name());
        watch.failure().ifPresent(f -> {
            details.put("failure", f.what());
            details.put("failedAt", f.at().toString());
        });
        boolean alive = watch.alive();
        if (!alive) {
            details.put("reason", "the screener's streams stopped for good; restart the service");
        }
        return Publishers.just(HealthResult.builder(NAME, alive ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
