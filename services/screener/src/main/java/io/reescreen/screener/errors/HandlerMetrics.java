package io.reescreen.screener.errors;

import io.reescreen.screener.topology.ScreenerStreamsConfig;
import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Map;

/** Kafka instantiates the exception handlers from class names; the metrics reach them through the config map. */
final class HandlerMetrics {

    private HandlerMetrics() {
    }

    static ScreenerMetrics from(Map<String, ?> configs) {
        Object value = configs == null ? null : configs.get(ScreenerStreamsConfig.METRICS_CONFIG);
        return value instanceof ScreenerMetrics m ? m : ScreenerMetrics.noop();
    }
}
