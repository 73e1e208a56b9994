package io.reescreen.screener.lot;

import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.enrich.EnrichedReading;
import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds each accepted reading to its lot's running composition, once: a readingId already counted for the lot is
 * skipped (an analyzer re-sending a shot, a producer retry outside a transaction). Both stores are written in the
 * same task, so under exactly-once the dedupe mark and the aggregate commit together. Forwards the new aggregate on
 * every change. Also runs the lots' retention sweep ({@link LotRetention}), as the owner of the lot stores' task.
 */
public final class LotAggregator implements Processor<String, EnrichedReading, String, LotAggregate> {

    private static final Logger LOG = LoggerFactory.getLogger(LotAggregator.class);
    /** Separates lotId and readingId in the dedupe key; cannot occur in either as the producers write them. */
    private static final char SEPARATOR = '\u0000';

    private final AggregationSettings settings;
    private final ScreenerMetrics metrics;
    private final LotRetention retention;
    private ProcessorContext<String, LotAggregate> context;
    private KeyValueStore<String, LotAggregate> aggregates;
    private KeyValueStore<String, Long> readingIds;

    /** An aggregator that keeps lots forever. */
    public LotAggregator(AggregationSettings settings, ScreenerMetrics metrics) {
        this(settings, null, metrics);
    }

    /** @param retention forgets idle lots; null keeps them forever */
    public LotAggregator(AggregationSettings settings, LotRetention retention, ScreenerMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retention = retention;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The dedupe store's key for one reading of one lot. */
    public static String readingKey(String lotId, String readingId) {
        return lotId + SEPARATOR + readingId;
    }

    @Override
    public void init(ProcessorContext<String, LotAggregate> context) {
        this.context = context;
        this.aggregates = context.getStateStore(StoreNames.LOT_AGGREGATES);
        this.readingIds = context.getStateStore(StoreNames.LOT_READING_IDS);
        if (retention != null) {
            retention.init(context);
        }
    }

    @Override
    public void process(Record<String, EnrichedReading> record) {
        EnrichedReading reading = record.value();
        String idKey = readingKey(reading.lotId(), reading.readingId());
        if (readingIds.get(idKey) != null) {
            metrics.duplicateReading();
            LOG.debug("reading {} of lot {} already counted; skipped", reading.readingId(), reading.lotId());
            return;
        }
        LotAggregate before = aggregates.get(reading.lotId());
        LotAggregate after = (before == null ? LotAggregate.empty(reading.lotId()) : before)
                .plus(reading, settings.defaultRelativeSigma(), settings.minRelativeSigma(), context.currentSystemTimeMs());
        if (after.mixesSites() && (before == null || !before.mixesSites())) {
            metrics.lotSitesMixed();
            LOG.warn("lot {} now mixes shots of sites {} (its metadata changed site mid-lot); its composition says so"
                    + " in siteIds", reading.lotId(), after.siteIds());
        }
        aggregates.put(reading.lotId(), after);
        readingIds.put(idKey, reading.sampledAtMs());
        metrics.compositionUpdated();
        // Derived records do not carry the reading's headers: their size is the sender's to choose, and a composition
        // that inherited a near-limit header set would exceed the record size limit.
        context.forward(record.withKey(reading.lotId()).withValue(after).withHeaders(new RecordHeaders()));
    }
}
