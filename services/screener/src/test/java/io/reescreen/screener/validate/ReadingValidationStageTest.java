package io.reescreen.screener.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.FeatureSet;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.screener.deadletter.StagedReading;
import io.reescreen.screener.lotinfo.LotInfoStateSerde;
import io.reescreen.streams.SourcePosition;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.MockStores;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.testing.TestSerdes;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The validation stage alone, on a MockProcessorContext with an in-memory lot-info store. */
class ReadingValidationStageTest {

    private static final long RECORD_MS = Readings.SAMPLED.plusSeconds(60).toEpochMilli();
    private static final long NOW_MS = Readings.SAMPLED.plusSeconds(3_600).toEpochMilli();

    private final InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
    private MockProcessorContext<byte[], StagedReading<ValidatedReading>> context;
    private TimestampedKeyValueStore<String, LotInfo> lots;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setRecordMetadata("reescreen-screener-readings-by-lot-repartition", 0, 7L);
        context.setCurrentSystemTimeMs(NOW_MS);
        lots = MockStores.timestamped(context, StoreNames.LOT_INFO, LotInfoStateSerde.SERDE);
    }

    private ReadingValidationStage stage(ScreenerSettings settings, Supplier<FeatureSet> features) {
        ReadingValidationStage stage = new ReadingValidationStage(settings.validationLimits(), features, metrics);
        stage.init(context);
        return stage;
    }

    private static Record<byte[], StagedReading<XrfReading>> decoded(String key, XrfReading reading) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SourcePosition.TOPIC, HeaderText.utf8("xrf.readings"));
        headers.add(SourcePosition.PARTITION, HeaderText.utf8("4"));
        headers.add(SourcePosition.OFFSET, HeaderText.utf8("1234"));
        return new Record<>(key.getBytes(StandardCharsets.UTF_8),
                StagedReading.passed(reading, TestSerdes.READING.toBytes(reading)), RECORD_MS, headers);
    }

    @Test
    void aValidReadingGoesOnWithTheLotMetadataItWasJudgedAgainst() {
        LotInfo lot = LotInfo.newBuilder().setLotId("L-1").setSiteId("SITE-1").setUpdatedAt(Readings.SAMPLED).build();
        lots.put("L-1", ValueAndTimestamp.make(lot, 0L));
        XrfReading reading = Readings.oxides("L-1", "R-1", Readings.typicalWtPct()).build();
        Record<byte[], StagedReading<XrfReading>> in = decoded("L-1", reading);

        stage(ScreenerSettings.defaults(), () -> TestModels.FEATURES).process(in);

        var out = context.forwarded().get(0).record();
        assertEquals(new ValidatedReading(reading, lot), out.value().value());
        assertSame(in.value().originalValue(), out.value().originalValue());
        assertArrayEquals(in.headers().toArray(), out.headers().toArray(),
                "the original headers stay for a later stage's dead letter");
        assertEquals(0, metrics.countPrefix("readings.dlq."));
    }

    @Test
    void aReadingThatFailsACheckBecomesADeadLetterOfItsOriginalBytesNamingTheInputTopicsPosition() {
        XrfReading reading = Readings.oxides("L-1", "R-1", Readings.typicalWtPct()).build();
        Record<byte[], StagedReading<XrfReading>> in = decoded("L-OTHER", reading);

        stage(ScreenerSettings.defaults(), () -> TestModels.FEATURES).process(in);

        var dead = context.forwarded().get(0).record();
        assertTrue(dead.value().isDeadLetter());
        assertArrayEquals(in.value().originalValue(), dead.value().deadLetterValue());
        assertArrayEquals(in.key(), dead.key());
        assertEquals(DlqReason.LOT_KEY_MISMATCH.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertEquals("record key 'L-OTHER' is not the reading's lotId 'L-1'",
                DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL));
        assertEquals("xrf.readings", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_TOPIC), "not the internal topic");
        assertEquals("4", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_PARTITION));
        assertEquals("1234", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_OFFSET));
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.dlqCounter(DlqReason.LOT_KEY_MISMATCH)));
    }

    @Test
    void aLotWithoutMetadataIsRefusedOnlyWhenMetadataIsRequired() {
        XrfReading reading = Readings.oxides("L-2", "R-1", Readings.typicalWtPct()).build();
        stage(ScreenerSettings.defaults(), () -> TestModels.FEATURES).process(decoded("L-2", reading));
        assertNull(context.forwarded().get(0).record().value().value().lot(), "optional by default");

        context.resetForwards();
        stage(ScreenerSettings.defaults().toBuilder().requireLotInfo(true).build(), () -> TestModels.FEATURES)
                .process(decoded("L-2", reading));
        assertEquals(DlqReason.UNKNOWN_LOT.name(),
                DlqHeaders.text(context.forwarded().get(0).record().headers(), DlqHeaders.REASON));
    }

    @Test
    void aDeadLetterFromTheDecodeStagePassesThroughUntouched() {
        byte[] deadValue = {1, 2, 3};
        RecordHeaders headers = new RecordHeaders();
        headers.add(DlqHeaders.REASON, HeaderText.utf8(DlqReason.UNDECODABLE.name()));
        Record<byte[], StagedReading<XrfReading>> dead = new Record<>(new byte[] {9}, StagedReading.deadLetter(deadValue),
                NOW_MS, headers);

        stage(ScreenerSettings.defaults(), () -> {
            throw new AssertionError("a dead letter is not validated");
        }).process(dead);

        var out = context.forwarded().get(0).record();
        assertSame(deadValue, out.value().deadLetterValue());
        assertArrayEquals(headers.toArray(), out.headers().toArray());
        assertEquals(0, metrics.countPrefix("readings.dlq."), "counted once, by the stage that refused it");
    }

    @Test
    void anUnexpectedFailureBecomesAProcessingErrorDeadLetterNotAStoppedStream() {
        XrfReading reading = Readings.oxides("L-1", "R-1", Readings.typicalWtPct()).build();
        Record<byte[], StagedReading<XrfReading>> in = decoded("L-1", reading);

        stage(ScreenerSettings.defaults(), () -> {
            throw new IllegalStateException("no model in force");
        }).process(in);

        var dead = context.forwarded().get(0).record();
        assertEquals(DlqReason.PROCESSING_ERROR.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertTrue(DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL).contains("no model in force"));
        assertArrayEquals(in.value().originalValue(), dead.value().deadLetterValue());
    }
}
