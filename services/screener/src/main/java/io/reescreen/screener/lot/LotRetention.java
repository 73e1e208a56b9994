package io.reescreen.screener.lot;

import io.reescreen.screener.stores.StoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets lots nobody has shot for {@link RetentionSettings#maxIdle()}: Kafka Streams' key-value stores have no
 * time-to-live, and a yard's lot ids never come back, so without this the stores (and their changelogs) grow with
 * every lot ever screened. A wall-clock punctuation walks the lots from where the last one stopped, at most
 * {@link RetentionSettings#sweepBatch()} entries per sweep, and deletes an idle lot from every lot store: its
 * aggregate, reading ids, pending update, prediction, verdict and metadata. A delete on a logged store writes the
 * changelog tombstone, so a restore does not bring the lot back.
 *
 * <p>A lot is idle when its aggregate's last update ({@link LotAggregate#updatedAtMs()}, the wall clock at its latest
 * reading) is older than the retention. Metadata of a lot that never had a reading has no such time; it goes when
 * its record's timestamp is older than the retention. A reading after the lot was forgotten starts the lot afresh.
 *
 * <p>Runs on the stream thread of the task that owns the stores (scheduled by {@link LotAggregator}), so it never
 * races a reading of the same lot.
 */
public final class LotRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LotRetention.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final RetentionSettings settings;
    private final boolean withPendingPredictions;
    private KeyValueStore<String, LotAggregate> aggregates;
    private KeyValueStore<String, Long> readingIds;
    private KeyValueStore<String, ?> predictions;
    private KeyValueStore<String, ?> verdicts;
    private TimestampedKeyValueStore<String, ?> lotInfo;
    private TimestampedKeyValueStore<String, ?> pending;
    /** The last key visited, where the next sweep resumes; null: the walk starts at the first key. */
    private String cursor;
    /** Which store the walk is in: the aggregates, then the metadata of lots without one, then again. */
    private boolean walkingLotInfo;

    /**
     * @param withPendingPredictions whether the topology has {@link StoreNames#LOT_PENDING_PREDICTIONS} (only with a
     *                               positive prediction interval)
     */
    public LotRetention(RetentionSettings settings, boolean withPendingPredictions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.withPendingPredictions = withPendingPredictions;
    }

    /** The stores every sweep deletes from, besides the aggregator's own two. */
    public String[] otherStores() {
        if (settings.keepsForever()) {
            return new String[0];
        }
        return withPendingPredictions
                ? new String[] {StoreNames.LOT_PREDICTIONS, StoreNames.LOT_VERDICTS, StoreNames.LOT_INFO,
                        StoreNames.LOT_PENDING_PREDICTIONS}
                : new String[] {StoreNames.LOT_PREDICTIONS, StoreNames.LOT_VERDICTS, StoreNames.LOT_INFO};
    }

    /** Looks the stores up and schedules the sweep; does nothing when lots are kept forever. */
    public void init(ProcessorContext<?, ?> context) {
        if (settings.keepsForever()) {
            return;
        }
        aggregates = context.getStateStore(StoreNames.LOT_AGGREGATES);
        readingIds = context.getStateStore(StoreNames.LOT_READING_IDS);
        predictions = context.getStateStore(StoreNames.LOT_PREDICTIONS);
        verdicts = context.getStateStore(StoreNames.LOT_VERDICTS);
        lotInfo = context.getStateStore(StoreNames.LOT_INFO);
        pending = withPendingPredictions ? context.getStateStore(StoreNames.LOT_PENDING_PREDICTIONS) : null;
        context.schedule(settings.sweepInterval(), PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    /** Visits at most a batch of entries from the cursor on and deletes the idle lots among them. */
    void sweep(long nowMs) {
        long cutoffMs = nowMs - settings.maxIdle().toMillis();
        int budget = settings.sweepBatch();
        int deleted = 0;
        // At most one wrap per store per sweep, so a store smaller than the batch is not walked twice.
        for (int walks = 0; walks < 2 && budget > 0; walks++) {
            Walk walk = walkingLotInfo ? idleLotInfo(budget, cutoffMs) : idleAggregates(budget, cutoffMs);
            budget -= walk.visited();
            for (String lotId : walk.idle()) {
                forget(lotId);
            }
            deleted += walk.idle().size();
            cursor = walk.lastKey();
            if (!walk.finished()) {
                break;
            }
            cursor = null;
            walkingLotInfo = !walkingLotInfo;
        }
        if (deleted > 0) {
            LOG.info("lot retention: {} lot(s) idle for more than {} forgotten", deleted, settings.maxIdle());
        }
    }

    private Walk idleAggregates(int budget, long cutoffMs) {
        List<String> idle = new ArrayList<>();
        int visited = 0;
        String last = cursor;
        try (KeyValueIterator<String, LotAggregate> it = aggregates.range(cursor, null)) {
            while (visited < budget && it.hasNext()) {
                KeyValue<String, LotAggregate> next = it.next();
                if (next.key.equals(cursor)) {
                    continue;
                }
                visited++;
                last = next.key;
                if (next.value.updatedAtMs() < cutoffMs) {
                    idle.add(next.key);
                }
            }
            return new Walk(idle, visited, last, !it.hasNext());
        }
    }

    /** Metadata of lots that have no aggregate (metadata with readings goes with its lot's aggregate). */
    private Walk idleLotInfo(int budget, long cutoffMs) {
        List<String> idle = new ArrayList<>();
        int visited = 0;
        String last = cursor;
        try (KeyValueIterator<String, ? extends ValueAndTimestamp<?>> it = lotInfo.range(cursor, null)) {
            while (visited < budget && it.hasNext()) {
                KeyValue<String, ? extends ValueAndTimestamp<?>> next = it.next();
                if (next.key.equals(cursor)) {
                    continue;
                }
                visited++;
                last = next.key;
                if (next.value.timestamp() < cutoffMs && aggregates.get(next.key) == null) {
                    idle.add(next.key);
                }
            }
            return new Walk(idle, visited, last, !it.hasNext());
        }
    }

    private void forget(String lotId) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = readingIds.prefixScan(LotAggregator.readingKey(lotId, ""), KEYS)) {
            it.forEachRemaining(kv -> ids.add(kv.key));
        }
        ids.forEach(readingIds::delete);
        aggregates.delete(lotId);
        predictions.delete(lotId);
        verdicts.delete(lotId);
        lotInfo.delete(lotId);
        if (pending != null) {
            pending.delete(lotId);
        }
    }

    /** One walk's outcome: the idle lots met, entries visited, the last key, and whether the store ran out. */
    private record Walk(List<String> idle, int visited, String lastKey, boolean finished) {
    }
}
