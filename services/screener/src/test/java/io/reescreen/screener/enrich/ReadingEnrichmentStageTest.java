package io.reescreen.screener.enrich;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.screener.deadletter.StagedReading;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.TestSerdes;
import io.reescreen.screener.validate.ValidatedReading;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enrichment stage alone, on a MockProcessorContext: a validated reading in, mol % with its lot's metadata out. */
class ReadingEnrichmentStageTest {

    private static final long NOW_MS = 1_750_000_000_000L;

    private final InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
    private MockProcessorContext<byte[], StagedReading<EnrichedReading>> context;
    private ReadingEnrichmentStage stage;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setRecordMetadata("xrf.readings", 1, 99L);
        context.setCurrentSystemTimeMs(NOW_MS);
        stage = new ReadingEnrichmentStage(ScreenerSettings.defaults().readingPolicy(), metrics);
        stage.init(context);
    }

    private static Record<byte[], StagedReading<ValidatedReading>> validated(XrfReading reading, LotInfo lot) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("producer-trace", HeaderText.utf8("abc"));
        return new Record<>(reading.getLotId().getBytes(StandardCharsets.UTF_8),
                StagedReading.passed(new ValidatedReading(reading, lot), TestSerdes.READING.toBytes(reading)), 5L,
                headers);
    }

    @Test
    void aValidatedReadingBecomesMolPctJoinedWithItsLotAndLeavesItsHeadersBehind() {
        XrfReading reading = Readings.oxides("L-1", "R-1", Readings.typicalWtPct()).build();
        LotInfo lot = LotInfo.newBuilder().setLotId("L-1").setSiteId("SITE-1").setAshOrigin(AshOrigin.FLY_ASH)
                .setUpdatedAt(Readings.SAMPLED).build();

        stage.process(validated(reading, lot));

        var out = context.forwarded().get(0).record();
        EnrichedReading enriched = out.value().value();
        assertEquals("R-1", enriched.readingId());
        assertEquals("SITE-1", enriched.siteId());
        assertEquals(AshOrigin.FLY_ASH, enriched.ashOrigin());
        assertEquals(Readings.SAMPLED.toEpochMilli(), enriched.sampledAtMs());
        var expected = OxideWtPct.of(Readings.typicalWtPct()).toMolPct();
        for (MajorOxide o : MajorOxide.values()) {
            assertEquals(expected.molPct(o), enriched.shot().molPct(o), 1e-9, o.formula());
        }
        assertFalse(out.headers().iterator().hasNext(), "a reading's headers would ride on every output of its lot");
        assertEquals(5L, out.timestamp());
    }

    @Test
    void aReadingTheLibraryRefusesBecomesADeadLetterOfItsOriginalBytesWithItsHeaders() {
        // Only SiO2 may be taken by difference: without Al2O3 the library cannot complete the reading.
        XrfReading reading = Readings.oxides("L-1", "R-2", Readings.without(Readings.typicalWtPct(), MajorOxide.AL2O3))
                .build();
        Record<byte[], StagedReading<ValidatedReading>> in = validated(reading, null);

        stage.process(in);

        var dead = context.forwarded().get(0).record();
        assertTrue(dead.value().isDeadLetter());
        assertArrayEquals(in.value().originalValue(), dead.value().deadLetterValue());
        assertEquals(DlqReason.MISSING_ANALYTE.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertEquals("abc", HeaderText.of(dead.headers(), "producer-trace").orElseThrow(),
                "a dead letter keeps the reading's own headers");
        assertEquals(1, metrics.count(InMemoryScreenerMetrics.dlqCounter(DlqReason.MISSING_ANALYTE)));
    }

    @Test
    void aDeadLetterFromAnEarlierStagePassesThroughUntouched() {
        byte[] deadValue = {4, 5, 6};
        stage.process(new Record<>(new byte[] {1}, StagedReading.deadLetter(deadValue), NOW_MS));

        assertSame(deadValue, context.forwarded().get(0).record().value().deadLetterValue());
        assertEquals(0, metrics.countPrefix("readings.dlq."));
    }

    @Test
    void anUnexpectedFailureBecomesAProcessingErrorDeadLetterNotAStoppedStream() {
        XrfReading broken = Readings.oxides("L-1", "R-3", Readings.typicalWtPct()).build();
        Record<byte[], StagedReading<ValidatedReading>> in = validated(broken, null);
        broken.setAnalytes(null); // past the validator by a bug: the stage must not throw

        stage.process(in);

        var dead = context.forwarded().get(0).record();
        assertEquals(DlqReason.PROCESSING_ERROR.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        assertArrayEquals(in.value().originalValue(), dead.value().deadLetterValue());
    }
}
