package io.reescreen.screener.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
        probe.contact().ifPresent(c -> {
            details.put("checkedAt", c.checkedAt().toString());
            if (c.lastReachableAt() != null) {
                details.put("lastReachableAt", c.lastReachableAt().toString());
            }
        });
        Optional<String> why = probe.whyUnreachable(Instant.now());
        why.ifPresent(reason -> details.put("reason", reason));
        HealthStatus status = why.isPresent() ? HealthStatus.DOWN : HealthStatus.UP;
        return Publishers.just(HealthResult.builder(NAME, status).details(details).build());
    }
}
