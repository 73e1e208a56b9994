package io.reescreen.screener.errors;

import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Map;

/** Kafka instantiates the exception handlers from class names; the metrics reach them through the config map. */
public final class HandlerMetrics {

    /** The {@link ScreenerMetrics} instance the exception handlers count with (an object value, not a string). */
    public static final String CONFIG = "reescreen.screener.metrics";

    private HandlerMetrics() {
    }

    static ScreenerMetrics from(Map<String, ?> configs) {
        Object value = configs == null ? null : configs.get(CONFIG);
        return value instanceof ScreenerMetrics m ? m : ScreenerMetrics.noop();
    }
}
