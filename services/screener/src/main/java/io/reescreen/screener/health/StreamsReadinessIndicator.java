package io.reescreen.screener.health;

import io.micronaut.context.annotation.Requires;
import io.reescreen.screener.app.ScreenerProperties;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.reescreen.screener.app.ScreenerRuntime;
import io.reescreen.screener.serving.ModelInfo;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.reactivestreams.Publisher;

/**
 * Ready when the screener's streams are RUNNING (not while they start, rebalance, restore or after an error): part of
 * {@code /health} and of {@code /health/readiness}, which answer 503 while it is DOWN.
 */
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Singleton
@Readiness
public class StreamsReadinessIndicator implements HealthIndicator {

    public static final String NAME = "screener";

    private final ScreenerRuntime runtime;

    public StreamsReadinessIndicator(ScreenerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = runtime.state();
        ModelInfo model = runtime.models().info();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("streamsState", state.name());
        details.put("applicationId", runtime.streamsConfig().getProperty(StreamsConfig.APPLICATION_ID_CONFIG, ""));
        details.put("applicationServer", runtime.streamsConfig().getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, ""));
        details.put("modelVersion", model.version());
        return Publishers.just(HealthResult.builder(NAME, state == KafkaStreams.State.RUNNING ? HealthStatus.UP
                : HealthStatus.DOWN).details(details).build());
    }
}
