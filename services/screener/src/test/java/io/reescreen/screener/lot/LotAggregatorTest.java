package io.reescreen.screener.lot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.enrich.EnrichedReading;
import io.reescreen.screener.enrich.ReadingEnricher;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.MockStores;
import io.reescreen.screener.testing.Readings;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregate stage alone, on a MockProcessorContext with in-memory aggregate and dedupe stores. */
class LotAggregatorTest {

    private static final long NOW_MS = 1_750_000_000_000L;
    private static final ReadingEnricher ENRICHER = new ReadingEnricher(ScreenerSettings.defaults().readingPolicy());

    private final InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
    private MockProcessorContext<String, LotAggregate> context;
    private KeyValueStore<String, LotAggregate> aggregates;
    private KeyValueStore<String, Long> readingIds;
    private LotAggregator aggregator;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(NOW_MS);
        aggregates = MockStores.keyValue(context, StoreNames.LOT_AGGREGATES, LotAggregate.SERDE);
        readingIds = MockStores.keyValue(context, StoreNames.LOT_READING_IDS, Serdes.Long());
        aggregator = new LotAggregator(ScreenerSettings.defaults().aggregationSettings(), metrics);
        aggregator.init(context);
    }

    private static Record<String, EnrichedReading> reading(String lotId, String readingId) {
        XrfReading reading = Readings.oxides(lotId, readingId, Readings.typicalWtPct()).build();
        RecordHeaders headers = new RecordHeaders();
        headers.add("producer-trace", new byte[] {1});
        return new Record<>(lotId, ENRICHER.enrich(reading, null).reading(), 7L, headers);
    }

    @Test
    void aReadingStartsItsLotsCompositionWhichIsStoredAndForwardedWithoutHeaders() {
        aggregator.process(reading("L-1", "R-1"));

        var out = context.forwarded().get(0).record();
        assertEquals("L-1", out.key());
        assertEquals(1, out.value().shotCount());
        assertEquals("R-1", out.value().lastReadingId());
        assertEquals(NOW_MS, out.value().updatedAtMs());
        assertEquals(7L, out.timestamp());
        assertFalse(out.headers().iterator().hasNext());
        assertEquals(out.value().toLotComposition(), aggregates.get("L-1").toLotComposition());
        assertEquals(Readings.SAMPLED.toEpochMilli(), readingIds.get(LotAggregator.readingKey("L-1", "R-1")));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.COMPOSITIONS));
    }

    @Test
    void aReadingAlreadyCountedForItsLotIsSkippedAndCountedAsADuplicate() {
        aggregator.process(reading("L-1", "R-1"));
        aggregator.process(reading("L-1", "R-2"));
        aggregator.process(reading("L-1", "R-1"));

        assertEquals(2, context.forwarded().size(), "the duplicate forwards nothing");
        assertEquals(2, aggregates.get("L-1").shotCount());
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.READINGS_DUPLICATE));
    }

    @Test
    void theSameReadingIdInAnotherLotIsAnotherShot() {
        aggregator.process(reading("L-1", "R-1"));
        aggregator.process(reading("L-2", "R-1"));

        assertEquals(1, aggregates.get("L-1").shotCount());
        assertEquals(1, aggregates.get("L-2").shotCount());
        assertTrue(metrics.count(InMemoryScreenerMetrics.READINGS_DUPLICATE) == 0);
    }
}
