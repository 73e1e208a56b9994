package io.reescreen.screener.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Ready only while the Kafka cluster answers ({@link BrokerProbe}'s latest answer, read without waiting): part of
 * {@code /health} and {@code /health/readiness}, 503 with the reason while the broker is away. Not liveness: a broker
 * outage is no reason to restart the screener, which resumes by itself once the broker is back.
 */
@Requires(beans = BrokerProbe.class)
@Singleton
@Readiness
public class BrokerReadinessIndicator implements HealthIndicator {

    public static final String NAME = "kafkaBroker";

    private final BrokerProbe probe;

    public BrokerReadinessIndicator(BrokerProbe probe) {
        this.probe = probe;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bootstrapServers", probe.bootstrapServers());
        HealthStatus status = probe.contact().map(c -> {
            details.put("checkedAt", c.checkedAt().toString());
            if (c.lastReachableAt() != null) {
                details.put("lastReachableAt", c.lastReachableAt().toString());
            }
            Duration age = Duration.between(c.checkedAt(), Instant.now());
            if (age.compareTo(probe.staleAfter()) > 0) {
                details.put("reason", "the last answer about the Kafka cluster is " + age.toSeconds() + " s old");
                return HealthStatus.DOWN;
            }
            if (!c.reachable()) {
                details.put("reason", c.problem());
                return HealthStatus.DOWN;
            }
            return HealthStatus.UP;
        }).orElseGet(() -> {
            details.put("reason", "the Kafka cluster has not been asked yet");
            return HealthStatus.DOWN;
        });
        return Publishers.just(HealthResult.builder(NAME, status).details(details).build());
    }
}
