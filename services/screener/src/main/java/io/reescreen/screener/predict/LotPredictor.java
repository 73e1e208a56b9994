package io.reescreen.screener.predict;

import io.reescreen.schemas.ReePrediction;
import io.reescreen.screener.ScreenerSettings;
import io.reescreen.screener.StoreNames;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.serving.ModelLease;
import io.reescreen.screener.serving.ModelSource;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every lot update with the model in force (borrowed for the call, so a concurrent hot-swap cannot close it
 * underneath), keeps the lot's latest prediction for queries, and forwards it. A model failure skips this lot's
 * prediction (logged, counted); the stream goes on and the next update tries again.
 */
public final class LotPredictor implements Processor<String, LotAggregate, String, ScoredLot> {

    private static final Logger LOG = LoggerFactory.getLogger(LotPredictor.class);

    private final LotScorer scorer;
    private final ModelSource models;
    private final ScreenerMetrics metrics;
    private ProcessorContext<String, ScoredLot> context;
    private KeyValueStore<String, ReePrediction> latest;

    public LotPredictor(ScreenerSettings settings, ModelSource models, ScreenerMetrics metrics) {
        this.scorer = new LotScorer(settings);
        this.models = Objects.requireNonNull(models, "models");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<String, ScoredLot> context) {
        this.context = context;
        this.latest = context.getStateStore(StoreNames.LOT_PREDICTIONS);
    }

    @Override
    public void process(Record<String, LotAggregate> record) {
        LotAggregate lot = record.value();
        ReePrediction prediction;
        long latencyNanos;
        try (ModelLease lease = models.acquire()) {
            long start = System.nanoTime();
            prediction = scorer.score(lot, lease.info(), lease.model(), context.currentSystemTimeMs());
            latencyNanos = System.nanoTime() - start;
        } catch (RuntimeException e) {
            metrics.predictionFailed();
            LOG.warn("prediction failed for lot {} ({} readings); composition published, prediction skipped",
                    lot.lotId(), lot.shotCount(), e);
            return;
        }
        metrics.predictionMade(latencyNanos);
        latest.put(lot.lotId(), prediction);
        context.forward(record.withValue(new ScoredLot(prediction, lot.siteId(), lot.lastReadingId())));
    }
}
