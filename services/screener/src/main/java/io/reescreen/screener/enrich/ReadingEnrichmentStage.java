package io.reescreen.screener.enrich;

import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.screener.deadletter.RejectedReadings;
import io.reescreen.screener.deadletter.Rejection;
import io.reescreen.screener.deadletter.StagedReading;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.validate.ValidatedReading;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The third stage of the reading path and the last that can refuse a reading: converts a validated reading to mol %
 * through the model library and joins its lot's metadata ({@link ReadingEnricher}). A reading the library refuses
 * after all is dead-lettered (IMPLAUSIBLE_TOTAL, MISSING_ANALYTE); a dead letter from a stage before passes through
 * untouched.
 */
public final class ReadingEnrichmentStage
        implements Processor<byte[], StagedReading<ValidatedReading>, byte[], StagedReading<EnrichedReading>> {

    private final ReadingEnricher enricher;
    private final RejectedReadings rejected;
    private ProcessorContext<byte[], StagedReading<EnrichedReading>> context;

    public ReadingEnrichmentStage(ReadingPolicy policy, ScreenerMetrics metrics) {
        this.enricher = new ReadingEnricher(policy);
        this.rejected = new RejectedReadings("enrich", Objects.requireNonNull(metrics, "metrics")::readingDeadLettered);
    }

    @Override
    public void init(ProcessorContext<byte[], StagedReading<EnrichedReading>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], StagedReading<ValidatedReading>> record) {
        if (rejected.passedOn(context, record)) {
            return;
        }
        StagedReading<ValidatedReading> staged = record.value();
        Rejection rejection;
        try {
            Enrichment enrichment = enricher.enrich(staged.value().reading(), staged.value().lot());
            if (!enrichment.isRefused()) {
                // The reading's own headers stay behind: they would ride on every output record of the lot, and a
                // reading with near-limit headers would make its composition too large to write.
                context.forward(record.withValue(staged.then(enrichment.reading())).withHeaders(new RecordHeaders()));
                return;
            }
            rejection = enrichment.rejection();
        } catch (RuntimeException e) {
            rejection = rejected.unexpected(context, e);
        }
        rejected.forward(context, record, staged.originalValue(), rejection);
    }
}
