package io.reescreen.retrainer.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.reescreen.retrainer.examples.IgnoredRecords;
import io.reescreen.retrainer.streams.StreamFailures;
import io.reescreen.retrainer.examples.IgnoredReason;
import io.reescreen.schemas.Topics;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The retrainer's own counters on {@code /prometheus}: stream threads that died and ERROR states reached (an alert
 * on either means the join stopped), records skipped or dropped by the streams' error handlers, and records on lots
 * and lot.compositions the join passed over, by reason.
 */
@Singleton
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class RetrainerMetrics implements MeterBinder {

    private final StreamFailures failures;
    private final IgnoredRecords ignored;

    /** Not the runtime: it needs the streams, which need the meter registry, which needs this binder. */
    public RetrainerMetrics(@Value("${" + RetrainerProperties.STREAMS_PREFIX + "application.id:"
            + RetrainerProperties.DEFAULT_APPLICATION_ID + "}") String applicationId, IgnoredRecords ignored) {
        this.failures = StreamFailures.of(applicationId);
        this.ignored = ignored;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("reescreen.retrainer.streams.threads.died", failures,
                f -> f.threadsDied()).description("Stream threads of the join that died").register(registry);
        FunctionCounter.builder("reescreen.retrainer.streams.errors", failures, f -> f.errorStates())
                .description("Times the join's streams reached ERROR").register(registry);
        FunctionCounter.builder("reescreen.retrainer.streams.processing.errors.skipped", failures,
                f -> f.processingErrorsSkipped()).description("Records skipped after a processing error")
                .register(registry);
        FunctionCounter.builder("reescreen.retrainer.streams.production.errors.dropped", failures,
                f -> f.productionErrorsDropped()).description("Records that could not be written, dropped")
                .register(registry);
        for (String topic : List.of(Topics.LOTS.name(), Topics.LOT_COMPOSITIONS.name())) {
            for (IgnoredReason reason : IgnoredReason.values()) {
                FunctionCounter.builder("reescreen.retrainer.ignored.records", ignored,
                                i -> i.countOf(topic, reason))
                        .description("Records the join passed over, by topic and reason")
                        .tag("topic", topic).tag("reason", reason.name()).register(registry);
            }
        }
    }
}
