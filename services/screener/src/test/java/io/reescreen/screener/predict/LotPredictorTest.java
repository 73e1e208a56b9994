package io.reescreen.screener.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.enrich.ReadingEnricher;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.screener.serving.ModelLease;
import io.reescreen.screener.serving.ModelSource;
import io.reescreen.screener.state.AvroSingleObjectSerde;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.MockStores;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.TestModels;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The predict stage alone, on a MockProcessorContext with in-memory prediction stores. */
class LotPredictorTest {

    private static final long NOW_MS = 1_750_000_000_000L;
    private static final ReadingEnricher ENRICHER = new ReadingEnricher(ScreenerSettings.defaults().readingPolicy());
    private static CurrentModel models;

    private final InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
    private MockProcessorContext<String, LotResult> context;
    private KeyValueStore<String, ReePrediction> latest;
    private TimestampedKeyValueStore<String, LotAggregate> pending;

    @BeforeAll
    static void loadTheModel() {
        models = CurrentModel.bootstrap(ScreenerSettings.DEFAULT_MODEL_NAME, TestModels.trained(), "synthetic");
    }

    @AfterAll
    static void closeTheModel() {
        models.close();
    }

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(NOW_MS);
        latest = MockStores.keyValue(context, StoreNames.LOT_PREDICTIONS, new AvroSingleObjectSerde<>(ReePrediction.class));
        pending = MockStores.timestamped(context, StoreNames.LOT_PENDING_PREDICTIONS, LotAggregate.SERDE);
    }

    private LotPredictor predictor(Duration interval, ModelSource source) {
        LotPredictor predictor = new LotPredictor(ScreenerSettings.defaults().toBuilder().predictionInterval(interval)
                .build().scoringSettings(), source, metrics);
        predictor.init(context);
        return predictor;
    }

    private LotPredictor predictor(Duration interval, Duration backlogInterval, Backlog backlog) {
        LotPredictor predictor = new LotPredictor(ScreenerSettings.defaults().toBuilder().predictionInterval(interval)
                .predictionBacklog(backlogInterval, 1_000).build().scoringSettings(), models, metrics, backlog);
        predictor.init(context);
        return predictor;
    }

    private Set<String> pendingKeys() {
        Set<String> keys = new HashSet<>();
        try (var all = pending.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private List<String> scoredKeys() {
        return context.forwarded().stream().map(f -> (String) f.record().key()).sorted().toList();
    }

    private static Record<String, LotAggregate> update(String lotId, int shots, long timestamp) {
        LotAggregate lot = LotAggregate.empty(lotId);
        for (int i = 0; i < shots; i++) {
            XrfReading reading = Readings.oxides(lotId, "R-" + i, Readings.typicalWtPct()).build();
            lot = lot.plus(ENRICHER.enrich(reading, null).reading(), 0.03, 0.005, NOW_MS);
        }
        return new Record<>(lotId, lot, timestamp);
    }

    @Test
    void everyUpdateIsScoredAtOnceAndKeptAsTheLotsLatestPrediction() {
        predictor(Duration.ZERO, models).process(update("L-1", 2, 11L));

        var out = context.forwarded().get(0).record();
        assertEquals("L-1", out.key());
        assertEquals(11L, out.timestamp());
        assertEquals(2, out.value().scored().prediction().getReadingCount());
        assertEquals("R-1", out.value().scored().lastReadingId());
        assertNull(out.value().scored().siteId());
        assertEquals(out.value().scored().prediction(), latest.get("L-1"));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.PREDICTIONS));
        assertTrue(context.scheduledPunctuators().isEmpty(), "no interval, no punctuator");
    }

    @Test
    void withAnIntervalUpdatesWaitAndThePunctuatorScoresEachChangedLotOnceWithItsLatestUpdate() {
        LotPredictor coalescing = predictor(Duration.ofSeconds(5), models);
        coalescing.process(update("L-1", 1, 1L));
        coalescing.process(update("L-1", 3, 2L));
        coalescing.process(update("L-2", 1, 3L));
        assertTrue(context.forwarded().isEmpty(), "nothing scored before the interval");

        MockProcessorContext.CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);
        assertEquals(Duration.ofSeconds(5), punctuator.getInterval());
        punctuator.getPunctuator().punctuate(NOW_MS + 5_000);

        var out = context.forwarded();
        assertEquals(List.of("L-1", "L-2"), out.stream().map(f -> f.record().key()).sorted().toList());
        var first = out.stream().filter(f -> f.record().key().equals("L-1")).findFirst().orElseThrow().record();
        assertEquals(3, first.value().scored().prediction().getReadingCount(), "the lot's latest update is the one scored");
        assertEquals(2L, first.timestamp());
        assertFalse(pending.all().hasNext(), "a scored lot is no longer pending");
    }

    @Test
    void lotsLeftPendingBeforeARestartAreScoredAtTheFirstFlushAfterIt() {
        // What the changelog restores: updates counted but not yet scored when the last instance stopped.
        Record<String, LotAggregate> left = update("L-9", 2, 7L);
        pending.put(left.key(), org.apache.kafka.streams.state.ValueAndTimestamp.make(left.value(), left.timestamp()));

        LotPredictor restarted = predictor(Duration.ofSeconds(5), models);
        restarted.process(update("L-1", 1, 8L));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(NOW_MS + 5_000);

        assertEquals(List.of("L-1", "L-9"), context.forwarded().stream().map(f -> f.record().key()).sorted().toList());
        assertFalse(pending.all().hasNext());
    }

    @Test
    void aPendingLotDeletedMeanwhileIsNotScoredAndALaterFlushHasNothingToDo() {
        LotPredictor coalescing = predictor(Duration.ofSeconds(5), models);
        coalescing.process(update("L-1", 1, 1L));
        coalescing.process(update("L-2", 1, 2L));
        pending.delete("L-2"); // as the lots' retention sweep deletes an expired lot from every store
        var punctuator = context.scheduledPunctuators().get(0).getPunctuator();

        punctuator.punctuate(NOW_MS + 5_000);
        assertEquals(List.of("L-1"), context.forwarded().stream().map(f -> f.record().key()).toList());

        context.resetForwards();
        punctuator.punctuate(NOW_MS + 10_000);
        assertTrue(context.forwarded().isEmpty(), "nothing changed since the last flush");
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.PREDICTIONS));
    }

    @Test
    void behindItsInputTheFlushScoresChangedLotsOnlyOncePerBacklogIntervalWithTheirLatestUpdate() {
        AtomicBoolean behind = new AtomicBoolean(true);
        LotPredictor predictor = predictor(Duration.ofMillis(20), Duration.ofSeconds(1), behind::get);
        var flush = context.scheduledPunctuators().get(0).getPunctuator();
        assertEquals(Duration.ofMillis(20), context.scheduledPunctuators().get(0).getInterval());

        predictor.process(update("L-1", 1, 1L));
        flush.punctuate(NOW_MS);
        assertEquals(List.of("L-1"), scoredKeys(), "the first flush scores, behind or not");

        context.resetForwards();
        predictor.process(update("L-1", 2, 2L));
        predictor.process(update("L-2", 1, 3L));
        flush.punctuate(NOW_MS + 20);
        flush.punctuate(NOW_MS + 980);
        predictor.process(update("L-1", 3, 4L));
        assertTrue(context.forwarded().isEmpty(), "behind, nothing is scored within the backlog interval");
        assertEquals(Set.of("L-1", "L-2"), pendingKeys(), "the lots wait in the changelogged store meanwhile");

        flush.punctuate(NOW_MS + 1_000);
        assertEquals(List.of("L-1", "L-2"), scoredKeys());
        var first = context.forwarded().stream().filter(f -> f.record().key().equals("L-1")).findFirst().orElseThrow();
        assertEquals(3, first.record().value().scored().prediction().getReadingCount(), "one score for the three updates");
        assertEquals(3, metrics.count(InMemoryScreenerMetrics.PREDICTIONS), "one at the first flush, two after the wait");
    }

    @Test
    void caughtUpAgainTheFlushScoresEveryIntervalAsBefore() {
        AtomicBoolean behind = new AtomicBoolean(true);
        LotPredictor predictor = predictor(Duration.ofMillis(20), Duration.ofSeconds(1), behind::get);
        var flush = context.scheduledPunctuators().get(0).getPunctuator();
        predictor.process(update("L-1", 1, 1L));
        flush.punctuate(NOW_MS);
        predictor.process(update("L-1", 2, 2L));
        flush.punctuate(NOW_MS + 20);
        assertEquals(1, context.forwarded().size());

        behind.set(false);
        flush.punctuate(NOW_MS + 40);
        assertEquals(2, context.forwarded().size(), "not behind: the waiting lot is scored at the next interval");
        predictor.process(update("L-1", 3, 3L));
        flush.punctuate(NOW_MS + 60);
        assertEquals(3, context.forwarded().size());
    }

    @Test
    void aBacklogIntervalOfZeroOrNotAboveTheIntervalNeverHoldsAFlushBack() {
        for (Duration backlogInterval : List.of(Duration.ZERO, Duration.ofMillis(20))) {
            setUp();
            LotPredictor predictor = predictor(Duration.ofMillis(20), backlogInterval, () -> true);
            var flush = context.scheduledPunctuators().get(0).getPunctuator();
            for (int i = 1; i <= 3; i++) {
                predictor.process(update("L-1", i, i));
                flush.punctuate(NOW_MS + 20L * i);
            }
            assertEquals(3, context.forwarded().size(), "backlog interval " + backlogInterval);
        }
    }

    @Test
    void aModelThatFailsSkipsTheLotsPredictionPublishesItsCompositionAndTheStreamGoesOn() {
        ModelSource failing = new ModelSource() {
            @Override
            public ModelInfo info() {
                return models.info();
            }

            @Override
            public ModelLease acquire() {
                throw new IllegalStateException("model closed underneath");
            }
        };

        predictor(Duration.ZERO, failing).process(update("L-1", 1, 1L));

        assertEquals(1, context.forwarded().size(), "the composition is still published");
        var out = context.forwarded().get(0).record();
        assertEquals(1, out.value().lot().shotCount());
        assertNull(out.value().scored(), "without a prediction");
        assertNull(latest.get("L-1"));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.PREDICTIONS_FAILED));
    }
}
