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
import java.util.List;
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
    private MockProcessorContext<String, ScoredLot> context;
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
        assertEquals(2, out.value().prediction().getReadingCount());
        assertEquals("R-1", out.value().lastReadingId());
        assertNull(out.value().siteId());
        assertEquals(out.value().prediction(), latest.get("L-1"));
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
        assertEquals(3, first.value().prediction().getReadingCount(), "the lot's latest update is the one scored");
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
    void aModelThatFailsSkipsTheLotsPredictionAndTheStreamGoesOn() {
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

        assertTrue(context.forwarded().isEmpty());
        assertNull(latest.get("L-1"));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.PREDICTIONS_FAILED));
    }
}
