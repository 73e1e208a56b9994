package io.reescreen.screener.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.streams.StreamsHealth;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.reactivestreams.Publisher;

/**
 * Ready when the screener's streams are RUNNING (not while they start, rebalance, restore or after an error): part of
 * {@code /health} and of {@code /health/readiness}, which answer 503 while it is DOWN.
 */
@Requires(beans = StreamsStatus.class)
@Singleton
@Readiness
public class StreamsReadinessIndicator implements HealthIndicator {

    public static final String NAME = "screener";

    private final StreamsStatus streams;
    private final CurrentModel models;

    public StreamsReadinessIndicator(StreamsStatus streams, CurrentModel models) {
        this.streams = streams;
        this.models = models;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Properties config = streams.streamsConfig();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("applicationId", config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG, ""));
        details.put("applicationServer", config.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, ""));
        details.put("modelVersion", models.info().version());
        return Publishers.just(StreamsHealth.readiness(NAME, streams.state(), true, null, details));
    }
}
