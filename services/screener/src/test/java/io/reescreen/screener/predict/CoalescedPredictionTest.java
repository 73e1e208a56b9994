package io.reescreen.screener.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.testing.TestSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A positive prediction interval: each changed lot is scored once per interval, with all its readings so far. */
class CoalescedPredictionTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final ScreenerSettings COALESCING = ScreenerSettings.defaults().toBuilder()
            .predictionInterval(INTERVAL).build();

    @BeforeAll
    static void trainOnce() {
        TestModels.trained();
    }

    @Test
    void readingsWaitForTheIntervalThenEachChangedLotIsScoredAndPublishedOnce() {
        try (ScreenerHarness screener = ScreenerHarness.start(COALESCING, TestModels.trained())) {
            Instant t0 = ScreenerHarness.RECORD_TIME;
            for (int i = 0; i < 5; i++) {
                send(screener, reading("L-A", "A-" + i, i), t0.plusSeconds(i));
            }
            for (int i = 0; i < 3; i++) {
                send(screener, reading("L-B", "B-" + i, i), t0.plusSeconds(10 + i));
            }
            assertTrue(screener.compositions.isEmpty(), "compositions wait with the predictions");
            assertTrue(screener.predictions.isEmpty(), "nothing scored before the interval has passed");

            screener.driver.advanceWallClockTime(INTERVAL);
            Map<String, TestRecord<String, LotComposition>> published = screener.compositions.readRecordsToList().stream()
                    .collect(Collectors.toMap(TestRecord::key, r -> r));
            assertEquals(List.of("L-A", "L-B"), published.keySet().stream().sorted().toList(), "one composition per lot");
            assertEquals(5, published.get("L-A").value().getShotCount(), "with every reading so far");
            assertEquals(3, published.get("L-B").value().getShotCount());
            assertEquals(t0.plusSeconds(4), published.get("L-A").getRecordTime(), "stamped as its prediction");
            Map<String, TestRecord<String, ReePrediction>> scored = screener.predictions.readRecordsToList().stream()
                    .collect(Collectors.toMap(TestRecord::key, r -> r));
            assertEquals(List.of("L-A", "L-B"), scored.keySet().stream().sorted().toList(), "one prediction per lot");
            assertEquals(5, scored.get("L-A").value().getReadingCount());
            assertEquals(3, scored.get("L-B").value().getReadingCount());
            assertEquals(t0.plusSeconds(4), scored.get("L-A").getRecordTime(), "stamped with the lot's latest update");
            assertEquals(t0.plusSeconds(12), scored.get("L-B").getRecordTime());
            assertEquals(2, screener.metrics.count(InMemoryScreenerMetrics.PREDICTIONS));
            assertEquals(scored.get("L-A").value(), screener.driver.<String, ReePrediction>getKeyValueStore(
                    StoreNames.LOT_PREDICTIONS).get("L-A"), "the queryable store has what was published");
            KeyValueStore<String, ?> pending = screener.driver.getKeyValueStore(StoreNames.LOT_PENDING_PREDICTIONS);
            try (var left = pending.all()) {
                assertTrue(!left.hasNext(), "nothing left waiting");
            }

            screener.driver.advanceWallClockTime(INTERVAL);
            assertTrue(screener.predictions.isEmpty(), "an unchanged lot is not scored again");

            send(screener, reading("L-B", "B-3", 3), t0.plusSeconds(20));
            screener.driver.advanceWallClockTime(INTERVAL);
            List<ReePrediction> later = screener.predictions.readValuesToList();
            assertEquals(1, later.size(), "only the lot that changed");
            assertEquals(List.of(4), screener.compositions.readValuesToList().stream().map(LotComposition::getShotCount)
                    .toList(), "and only its composition");
            assertEquals("L-B", later.get(0).getLotId());
            assertEquals(4, later.get(0).getReadingCount());
        }
    }

    @Test
    void aCoalescedPredictionEqualsTheLastOfThePerReadingOnes() {
        List<XrfReading> readings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readings.add(reading("L-C", "C-" + i, i));
            readings.add(reading("L-D", "D-" + i, 3 - i));
        }
        Map<String, ReePrediction> perReading = lastPerLot(ScreenerSettings.defaults(), readings);
        Map<String, ReePrediction> coalesced = lastPerLot(COALESCING, readings);
        assertEquals(perReading.keySet(), coalesced.keySet());
        for (String lot : perReading.keySet()) {
            // Same lot, same readings, same seed: scoring alone or in a batch of two gives the same numbers.
            assertEquals(perReading.get(lot).getOutputs(), coalesced.get(lot).getOutputs(), lot);
            assertEquals(perReading.get(lot).getProbTotalAtOrAboveThreshold(),
                    coalesced.get(lot).getProbTotalAtOrAboveThreshold(), lot);
            assertEquals(perReading.get(lot).getAttributions(), coalesced.get(lot).getAttributions(), lot);
        }
    }

    @Test
    void aNegativeIntervalIsRefusedAndTheKeyParses() {
        assertThrows(IllegalArgumentException.class,
                () -> ScreenerSettings.defaults().toBuilder().predictionInterval(Duration.ofMillis(-1)).build());
        assertEquals(Duration.ofMillis(250), ScreenerSettings.fromProperties(
                Map.of(ScreenerSettings.PREDICTION_INTERVAL, "PT0.25S")).predictionInterval());
        assertEquals(Duration.ZERO, ScreenerSettings.defaults().predictionInterval(), "every update, unless configured");
    }

    @Test
    void theBacklogKeysParseDefaultToASecondAndAThousandReadingsAndRefuseNonsense() {
        ScreenerSettings parsed = ScreenerSettings.fromProperties(Map.of(ScreenerSettings.PREDICTION_BACKLOG_INTERVAL,
                "PT2S", ScreenerSettings.PREDICTION_BACKLOG_RECORDS, "5000"));
        assertEquals(Duration.ofSeconds(2), parsed.predictionBacklogInterval());
        assertEquals(5_000, parsed.predictionBacklogRecords());
        assertEquals(Duration.ofSeconds(2), parsed.scoringSettings().backlogInterval());
        assertEquals(Duration.ofSeconds(1), ScreenerSettings.defaults().predictionBacklogInterval());
        assertEquals(1_000, ScreenerSettings.defaults().predictionBacklogRecords());
        assertEquals(Duration.ZERO, ScreenerSettings.fromProperties(
                Map.of(ScreenerSettings.PREDICTION_BACKLOG_INTERVAL, "0")).predictionBacklogInterval());
        assertThrows(IllegalArgumentException.class, () -> ScreenerSettings.fromProperties(
                Map.of(ScreenerSettings.PREDICTION_BACKLOG_RECORDS, "0")));
        assertThrows(IllegalArgumentException.class, () -> ScreenerSettings.fromProperties(
                Map.of(ScreenerSettings.PREDICTION_BACKLOG_INTERVAL, "a second")));
    }

    @Test
    void withoutAnIntervalThereIsNoPendingStore() {
        try (ScreenerHarness screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained())) {
            assertNull(screener.driver.getStateStore(StoreNames.LOT_PENDING_PREDICTIONS));
            send(screener, reading("L-E", "E-0", 0), ScreenerHarness.RECORD_TIME);
            assertEquals(1, screener.predictions.readValuesToList().size(), "scored as it came");
        }
    }

    private static Map<String, ReePrediction> lastPerLot(ScreenerSettings settings, List<XrfReading> readings) {
        try (ScreenerHarness screener = ScreenerHarness.start(settings, TestModels.trained())) {
            for (XrfReading r : readings) {
                screener.send(r);
            }
            screener.driver.advanceWallClockTime(INTERVAL);
            return screener.predictions.readKeyValuesToMap();
        }
    }

    /** Alternating typical and high-calcium shots, so a lot's mean moves with every reading. */
    private static XrfReading reading(String lot, String id, int i) {
        return Readings.oxides(lot, id, i % 2 == 0 ? Readings.typicalWtPct() : Readings.highCalciumWtPct()).build();
    }

    private static void send(ScreenerHarness screener, XrfReading reading, Instant recordTime) {
        screener.readings.pipeInput(reading.getLotId().getBytes(StandardCharsets.UTF_8),
                TestSerdes.READING.toBytes(reading), recordTime);
    }
}
