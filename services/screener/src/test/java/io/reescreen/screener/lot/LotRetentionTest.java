package io.reescreen.screener.lot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idle lots leave the lot stores after the configured retention, their changelogs tombstoned. */
class LotRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Duration SWEEP = Duration.ofMinutes(1);
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final ScreenerSettings RETAINING = ScreenerSettings.defaults().toBuilder()
            .predictionInterval(INTERVAL).lotRetention(RETENTION, SWEEP, 2_000).build();
    /** Every lot store, each keyed by lot id. */
    private static final List<String> LOT_STORES = List.of(StoreNames.LOT_AGGREGATES, StoreNames.LOT_PREDICTIONS,
            StoreNames.LOT_VERDICTS, StoreNames.LOT_INFO, StoreNames.LOT_PENDING_PREDICTIONS);

    @BeforeAll
    static void trainOnce() {
        TestModels.trained();
    }

    @Test
    void anIdleLotLeavesEveryStoreAfterTheRetention() {
        try (ScreenerHarness screener = ScreenerHarness.start(RETAINING, TestModels.trained())) {
            describe(screener, "L-IDLE");
            read(screener, "L-IDLE", "R-1", "R-2");
            assertNotNull(store(screener, StoreNames.LOT_AGGREGATES).get("L-IDLE"));
            assertNotNull(store(screener, StoreNames.LOT_PREDICTIONS).get("L-IDLE"));
            assertNotNull(store(screener, StoreNames.LOT_VERDICTS).get("L-IDLE"));
            assertNotNull(store(screener, StoreNames.LOT_INFO).get("L-IDLE"));
            assertEquals(2, readingIds(screener, "L-IDLE").size());

            screener.driver.advanceWallClockTime(RETENTION.minus(SWEEP));
            assertNotNull(store(screener, StoreNames.LOT_AGGREGATES).get("L-IDLE"), "not idle long enough yet");

            screener.driver.advanceWallClockTime(SWEEP.multipliedBy(2));
            for (String name : LOT_STORES) {
                assertNull(store(screener, name).get("L-IDLE"), name);
            }
            assertEquals(List.of(), readingIds(screener, "L-IDLE"), StoreNames.LOT_READING_IDS);
        }
    }

    @Test
    void itsChangelogGetsATombstoneForEveryDeletedKey() {
        try (ScreenerHarness screener = ScreenerHarness.start(RETAINING, TestModels.trained())) {
            describe(screener, "L-GONE");
            read(screener, "L-GONE", "R-1", "R-2");
            List<String> keys = new ArrayList<>(readingIds(screener, "L-GONE"));
            changelog(screener, StoreNames.LOT_AGGREGATES); // what the readings wrote, read past

            screener.driver.advanceWallClockTime(RETENTION.plus(SWEEP));
            for (String name : List.of(StoreNames.LOT_AGGREGATES, StoreNames.LOT_PREDICTIONS, StoreNames.LOT_VERDICTS,
                    StoreNames.LOT_INFO)) {
                assertEquals(List.of(KeyValue.pair("L-GONE", null)), tombstones(changelog(screener, name)), name);
            }
            List<KeyValue<String, byte[]>> ids = changelog(screener, StoreNames.LOT_READING_IDS);
            assertEquals(keys.size(), tombstones(ids).size());
            assertEquals(keys, tombstones(ids).stream().map(kv -> kv.key).sorted().toList());
        }
    }

    @Test
    void aLotWithARecentReadingIsKept() {
        try (ScreenerHarness screener = ScreenerHarness.start(RETAINING, TestModels.trained())) {
            read(screener, "L-OLD", "O-1");
            read(screener, "L-BUSY", "B-1");
            screener.driver.advanceWallClockTime(Duration.ofDays(20));
            read(screener, "L-BUSY", "B-2");

            screener.driver.advanceWallClockTime(Duration.ofDays(11));
            assertNull(store(screener, StoreNames.LOT_AGGREGATES).get("L-OLD"), "31 days without a reading");
            LotAggregate busy = (LotAggregate) store(screener, StoreNames.LOT_AGGREGATES).get("L-BUSY");
            assertEquals(2, busy.shotCount(), "its last reading is 11 days old: kept whole");
            assertNotNull(store(screener, StoreNames.LOT_PREDICTIONS).get("L-BUSY"));
            assertEquals(2, readingIds(screener, "L-BUSY").size());
        }
    }

    @Test
    void theSweepVisitsAtMostTheBatchPerPunctuation() {
        ScreenerSettings batchOfTwo = RETAINING.toBuilder().lotRetention(RETENTION, SWEEP, 2).build();
        try (ScreenerHarness screener = ScreenerHarness.start(batchOfTwo, TestModels.trained())) {
            for (int i = 1; i <= 5; i++) {
                read(screener, "L-" + i, "R-" + i);
            }
            screener.driver.advanceWallClockTime(RETENTION.plus(SWEEP));
            assertEquals(List.of("L-3", "L-4", "L-5"), lots(screener), "the first two in key order");
            screener.driver.advanceWallClockTime(SWEEP);
            assertEquals(List.of("L-5"), lots(screener), "the next two, from where the last sweep stopped");
            screener.driver.advanceWallClockTime(SWEEP);
            assertEquals(List.of(), lots(screener));
        }
    }

    @Test
    void aReadingAfterExpiryStartsTheLotAfresh() {
        try (ScreenerHarness screener = ScreenerHarness.start(RETAINING, TestModels.trained())) {
            read(screener, "L-AGAIN", "R-1", "R-2");
            screener.driver.advanceWallClockTime(RETENTION.plus(SWEEP));
            screener.predictions.readValuesToList();

            read(screener, "L-AGAIN", "R-2");
            LotAggregate again = (LotAggregate) store(screener, StoreNames.LOT_AGGREGATES).get("L-AGAIN");
            assertEquals(1, again.shotCount(), "a new lot of one shot; its old reading ids were forgotten with it");
            assertEquals(List.of(1), screener.predictions.readValuesToList().stream()
                    .map(p -> p.getReadingCount()).toList());
        }
    }

    @Test
    void retentionZeroNeverDeletes() {
        ScreenerSettings forever = ScreenerSettings.fromProperties(Map.of(ScreenerSettings.PREDICTION_INTERVAL, "PT0.02S",
                ScreenerSettings.LOT_RETENTION, "0"));
        assertTrue(forever.retentionSettings().keepsForever());
        try (ScreenerHarness screener = ScreenerHarness.start(forever, TestModels.trained())) {
            describe(screener, "L-KEPT");
            read(screener, "L-KEPT", "R-1");
            changelog(screener, StoreNames.LOT_AGGREGATES);
            screener.driver.advanceWallClockTime(Duration.ofDays(400));
            for (String name : List.of(StoreNames.LOT_AGGREGATES, StoreNames.LOT_PREDICTIONS, StoreNames.LOT_INFO)) {
                assertNotNull(store(screener, name).get("L-KEPT"), name);
            }
            assertEquals(List.of(), tombstones(changelog(screener, StoreNames.LOT_AGGREGATES)));
        }
    }

    @Test
    void theRetentionKeysParseWithAMonthByDefault() {
        ScreenerSettings parsed = ScreenerSettings.fromProperties(Map.of(ScreenerSettings.LOT_RETENTION, "P7D",
                ScreenerSettings.LOT_RETENTION_SWEEP_INTERVAL, "PT30S", ScreenerSettings.LOT_RETENTION_SWEEP_BATCH, "500"));
        assertEquals(new RetentionSettings(Duration.ofDays(7), Duration.ofSeconds(30), 500), parsed.retentionSettings());
        assertEquals(new RetentionSettings(Duration.ofDays(30), Duration.ofMinutes(1), 2_000),
                ScreenerSettings.defaults().retentionSettings());
        assertEquals(Duration.ZERO, ScreenerSettings.fromProperties(Map.of(ScreenerSettings.LOT_RETENTION, "PT0S"))
                .retentionSettings().maxIdle());
        assertThrows(IllegalArgumentException.class,
                () -> ScreenerSettings.fromProperties(Map.of(ScreenerSettings.LOT_RETENTION, "30 days")));
        assertThrows(IllegalArgumentException.class,
                () -> ScreenerSettings.fromProperties(Map.of(ScreenerSettings.LOT_RETENTION_SWEEP_BATCH, "0")));
    }

    private static void describe(ScreenerHarness screener, String lotId) {
        screener.lots.pipeInput(lotId, LotInfo.newBuilder().setLotId(lotId).setSiteId("SITE-A")
                .setAshOrigin(AshOrigin.FLY_ASH).setUpdatedAt(ScreenerHarness.RECORD_TIME).build(), ScreenerHarness.WALL_CLOCK);
    }

    /** Pipes readings of one lot and lets the prediction interval pass, so every lot store has the lot. */
    private static void read(ScreenerHarness screener, String lotId, String... readingIds) {
        for (String id : readingIds) {
            XrfReading reading = Readings.oxides(lotId, id, Readings.typicalWtPct()).build();
            screener.readings.pipeInput(lotId.getBytes(StandardCharsets.UTF_8), TestSerdes.READING.toBytes(reading),
                    ScreenerHarness.RECORD_TIME);
        }
        screener.driver.advanceWallClockTime(INTERVAL);
    }

    private static KeyValueStore<String, Object> store(ScreenerHarness screener, String name) {
        return screener.driver.getKeyValueStore(name);
    }

    private static List<String> lots(ScreenerHarness screener) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Object> all = store(screener, StoreNames.LOT_AGGREGATES).all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private static List<String> readingIds(ScreenerHarness screener, String lotId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Object> all = store(screener, StoreNames.LOT_READING_IDS).all()) {
            all.forEachRemaining(kv -> {
                if (kv.key.startsWith(LotAggregator.readingKey(lotId, ""))) {
                    keys.add(kv.key);
                }
            });
        }
        return keys.stream().sorted().toList();
    }

    /** The store's changelog records since the last call. */
    private static List<KeyValue<String, byte[]>> changelog(ScreenerHarness screener, String store) {
        return screener.driver.createOutputTopic("screener-test-" + store + "-changelog", new StringDeserializer(),
                new ByteArrayDeserializer()).readKeyValuesToList();
    }

    private static List<KeyValue<String, byte[]>> tombstones(List<KeyValue<String, byte[]>> records) {
        return records.stream().filter(kv -> kv.value == null).toList();
    }
}
