package io.reescreen.screener.predict;

import io.reescreen.schemas.ReePrediction;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.serving.ModelLease;
import io.reescreen.screener.serving.ModelSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores lot updates with the model in force for the lot's site (its own model, else the base; borrowed for the call, so a concurrent hot-swap cannot close it
 * underneath), keeps each lot's latest prediction for queries, and forwards it.
 *
 * <p>With a zero {@link ScreenerSettings#predictionInterval()} every update is scored as it comes. With a positive
 * one, an update only replaces the lot's entry in {@link StoreNames#LOT_PENDING_PREDICTIONS}; a wall-clock punctuator
 * scores every pending lot in one batch and forwards the predictions with the timestamp of the lot's latest update.
 * The pending store is changelogged under the same transaction as the aggregate, so an update that was counted but
 * not yet scored survives a crash and is scored after the restart.
 *
 * <p>The punctuator looks lots up by the keys it was given since the last flush, never by scanning the store: each
 * flush deletes what it scored, and a RocksDB scan would step over every delete still in the memtable, so with many
 * lots each flush would cost more than the last. The keys are read from the store once, when the task starts (after a
 * restart, or after an aborted transaction the task is initialised again from the committed state).
 *
 * <p>While the screener is behind its input ({@link Backlog}) and a backlog interval longer than the interval is set,
 * a flush less than that long after the last one that scored does nothing: the lots wait in the store, and their
 * readings already waiting upstream join them, so each is scored once for many readings. The model is most of a
 * stream thread's time, so this is what lets a screener that has fallen behind catch up; caught up, every interval
 * scores again.
 *
 * <p>A model failure skips the affected lot's prediction (logged, counted); the stream goes on and the lot's next
 * update tries again.
 */
public final class LotPredictor implements Processor<String, LotAggregate, String, LotResult> {

    private static final Logger LOG = LoggerFactory.getLogger(LotPredictor.class);
    /** Lots per model call when flushing; bounds the memory of one punctuation. */
    static final int MAX_LOTS_PER_BATCH = 256;

    private final LotScorer scorer;
    private final ModelSource models;
    private final ScreenerMetrics metrics;
    private final Duration interval;
    private final Backlog backlog;
    /** Zero when a backlog never holds a flush back. */
    private final long backlogIntervalMs;
    /** Wall-clock time of the last flush that scored. */
    private long lastScoredFlushMs = Long.MIN_VALUE / 2; // so the first flush scores, without overflow
    private ProcessorContext<String, LotResult> context;
    private KeyValueStore<String, ReePrediction> latest;
    private TimestampedKeyValueStore<String, LotAggregate> pending;
    /** The keys put into {@code pending} since its last flush, in the store's order (lot ids are ASCII). */
    private final TreeSet<String> pendingKeys = new TreeSet<>();

    /** A predictor that is never held back by a backlog. */
    public LotPredictor(ScoringSettings settings, ModelSource models, ScreenerMetrics metrics) {
        this(settings, models, metrics, Backlog.NONE);
    }

    /** @param backlog whether the screener is behind its input (read at every flush; cheap) */
    public LotPredictor(ScoringSettings settings, ModelSource models, ScreenerMetrics metrics, Backlog backlog) {
        this.scorer = new LotScorer(settings);
        this.models = Objects.requireNonNull(models, "models");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.backlog = Objects.requireNonNull(backlog, "backlog");
        this.interval = settings.interval();
        this.backlogIntervalMs = settings.backlogInterval().compareTo(interval) > 0 ? settings.backlogInterval().toMillis()
                : 0;
    }

    @Override
    public void init(ProcessorContext<String, LotResult> context) {
        this.context = context;
        this.latest = context.getStateStore(StoreNames.LOT_PREDICTIONS);
        if (!interval.isZero()) {
            this.pending = context.getStateStore(StoreNames.LOT_PENDING_PREDICTIONS);
            pendingKeys.clear();
            try (KeyValueIterator<String, ValueAndTimestamp<LotAggregate>> all = pending.all()) {
                while (all.hasNext()) {
                    pendingKeys.add(all.next().key);
                }
            }
            context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::flush);
        }
    }

    @Override
    public void process(Record<String, LotAggregate> record) {
        if (pending != null) {
            pending.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            pendingKeys.add(record.key());
            return;
        }
        score(List.of(new Update(record.key(), record.value(), record.timestamp())));
    }

    /**
     * Scores every pending lot, a batch at a time, and forgets it once its prediction is forwarded; unless the
     * screener is behind and the last flush that scored was less than the backlog interval ago.
     *
     * @param nowMs wall-clock time of the punctuation
     */
    void flush(long nowMs) {
        if (pendingKeys.isEmpty()) {
            return;
        }
        if (backlogIntervalMs > 0 && nowMs - lastScoredFlushMs < backlogIntervalMs && backlog.behind()) {
            return;
        }
        lastScoredFlushMs = nowMs;
        List<Update> batch = new ArrayList<>(pendingKeys.size());
        for (String key : pendingKeys) {
            // Gone when the lot's retention expired it meanwhile.
            ValueAndTimestamp<LotAggregate> value = pending.get(key);
            if (value != null) {
                batch.add(new Update(key, value.value(), value.timestamp()));
            }
        }
        pendingKeys.clear();
        for (int from = 0; from < batch.size(); from += MAX_LOTS_PER_BATCH) {
            List<Update> part = batch.subList(from, Math.min(batch.size(), from + MAX_LOTS_PER_BATCH));
            score(part);
            for (Update u : part) {
                pending.delete(u.key());
            }
        }
    }

    /** Each lot with its site's model: one model call per model in force among the lots (the base for the rest). */
    private void score(List<Update> updates) {
        Map<String, List<Update>> byModel = new LinkedHashMap<>();
        for (Update u : updates) {
            byModel.computeIfAbsent(Objects.toString(models.routeOf(u.lot().siteId()), ""), k -> new ArrayList<>()).add(u);
        }
        byModel.forEach((site, lots) -> scoreWith(site.isEmpty() ? null : site, lots));
    }

    private void scoreWith(String siteId, List<Update> updates) {
        List<ReePrediction> predictions;
        long start;
        long elapsed;
        // A site model withdrawn since routing gives the base's lease: the prediction names the model it used.
        try (ModelLease lease = models.acquire(siteId)) {
            start = System.nanoTime();
            predictions = scorer.scoreAll(updates.stream().map(u -> LotToScore.of(u.lot())).toList(), lease.info(), lease.model(),
                    context.currentSystemTimeMs());
            elapsed = System.nanoTime() - start;
        } catch (RuntimeException e) {
            if (updates.size() > 1) {
                // One lot the model cannot take must not cost the others their prediction.
                for (Update u : updates) {
                    scoreWith(siteId, List.of(u));
                }
                return;
            }
            Update u = updates.get(0);
            metrics.predictionFailed();
            LOG.warn("prediction failed for lot {} ({} readings); composition published, prediction skipped",
                    u.lot().lotId(), u.lot().shotCount(), e);
            context.forward(new Record<>(u.key(), new LotResult(u.lot(), null), u.timestamp()));
            return;
        }
        long perLot = elapsed / updates.size();
        for (int i = 0; i < updates.size(); i++) {
            Update u = updates.get(i);
            ReePrediction prediction = predictions.get(i);
            metrics.predictionMade(perLot);
            latest.put(u.key(), prediction);
            context.forward(new Record<>(u.key(), new LotResult(u.lot(),
                    new ScoredLot(prediction, u.lot().siteId(), u.lot().lastReadingId())), u.timestamp()));
        }
    }

    private record Update(String key, LotAggregate lot, long timestamp) {
    }
}
