package io.reescreen.screener.validate;

import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.schemas.DlqHeaders;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.BelowDetectionPolicy;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.enrich.ReadingEnricher;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.testing.TestSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad reading reaches xrf.readings.dlq with its reason, its original key and value bytes, and where
 * it came from; good readings around it still flow.
 */
class ReadingDlqTest {

    private static ScreenerHarness screener;

    @BeforeAll
    static void start() {
        screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained());
    }

    @AfterAll
    static void stop() {
        screener.close();
    }

    /** One bad input: a name, the key and value bytes as sent, the reason expected in the DLQ. */
    record Bad(String name, String key, byte[] value, DlqReason reason, String detailMentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Bad bad(String name, DlqReason reason, String detailMentions, UnaryOperator<XrfReading.Builder> change) {
        XrfReading r = change.apply(Readings.oxides("L-BAD", "R-" + name, Readings.typicalWtPct())).build();
        return new Bad(name, r.getLotId(), TestSerdes.READING.toBytes(r), reason, detailMentions);
    }

    private static UnaryOperator<XrfReading.Builder> analyte(String name, AnalyteReading replacement) {
        return b -> {
            List<AnalyteReading> list = new ArrayList<>(b.getAnalytes());
            list.replaceAll(a -> a.getAnalyte().equals(name) ? replacement : a);
            return b.setAnalytes(list);
        };
    }

    private static UnaryOperator<XrfReading.Builder> oxides(Map<MajorOxide, Double> wtPct) {
        return b -> b.setAnalytes(Readings.oxides("x", "x", wtPct).getAnalytes());
    }

    static Stream<Bad> badReadings() {
        byte[] valid = TestSerdes.READING.toBytes(Readings.oxides("L-BAD", "R-T", Readings.typicalWtPct()).build());
        Map<MajorOxide, Double> silicaHeavy = Readings.typicalWtPct();
        silicaHeavy.put(MajorOxide.SIO2, 75.0);
        Map<MajorOxide, Double> thin = Readings.typicalWtPct();
        thin.replaceAll((o, v) -> v / 2);
        return Stream.of(
                new Bad("garbage", "L-BAD", "not avro at all".getBytes(StandardCharsets.UTF_8), DlqReason.UNDECODABLE, "XrfReading"),
                new Bad("truncated", "L-BAD", Arrays.copyOf(valid, valid.length / 2), DlqReason.UNDECODABLE, "XrfReading"),
                new Bad("tombstone", "L-BAD", null, DlqReason.UNDECODABLE, "null"),
                bad("blank-reading-id", DlqReason.MISSING_ID, "readingId", b -> b.setReadingId(" ")),
                new Bad("key-mismatch", "L-OTHER", valid, DlqReason.LOT_KEY_MISMATCH, "L-OTHER"),
                new Bad("no-key", null, valid, DlqReason.LOT_KEY_MISMATCH, "null"),
                bad("basis-unknown", DlqReason.UNKNOWN_BASIS, "basis", b -> b.setBasis(CompositionBasis.UNKNOWN)),
                bad("material-unknown", DlqReason.UNKNOWN_BASIS, "materialBasis", b -> b.setMaterialBasis(MaterialBasis.UNKNOWN)),
                bad("element-in-oxide-reading", DlqReason.UNKNOWN_BASIS, "'Al'",
                        analyte("Al2O3", Readings.analyte("Al", 12.7, 0.2))),
                bad("oxides-as-ppm", DlqReason.UNKNOWN_BASIS, "Si", b -> b.setBasis(CompositionBasis.ELEMENT_PPM)),
                bad("nonsense-name", DlqReason.UNKNOWN_BASIS, "Qq2O3", b -> {
                    List<AnalyteReading> list = new ArrayList<>(b.getAnalytes());
                    list.add(Readings.analyte("Qq2O3", 0.1, null));
                    return b.setAnalytes(list);
                }),
                bad("negative", DlqReason.INVALID_VALUE, "Al2O3.valueInBasisUnit = -24.0",
                        analyte("Al2O3", Readings.analyte("Al2O3", -24.0, 0.5))),
                bad("nan-sigma", DlqReason.INVALID_VALUE, "CaO.sigma1InBasisUnit = NaN",
                        analyte("CaO", Readings.analyte("CaO", 5.0, Double.NaN))),
                bad("infinite", DlqReason.INVALID_VALUE, "Fe2O3.valueInBasisUnit = Infinity",
                        analyte("Fe2O3", Readings.analyte("Fe2O3", Double.POSITIVE_INFINITY, 0.1))),
                bad("twice", DlqReason.INVALID_VALUE, "MgO is reported twice", b -> {
                    List<AnalyteReading> list = new ArrayList<>(b.getAnalytes());
                    list.add(Readings.analyte("MgO", 1.5, 0.03));
                    return b.setAnalytes(list);
                }),
                bad("lod-without-limit", DlqReason.INVALID_VALUE, "MnO", analyte("MnO", AnalyteReading.newBuilder()
                        .setAnalyte("MnO").setBelowDetection(true).build())),
                bad("whole-coal-no-ash-yield", DlqReason.MISSING_ASH_YIELD, "ashYieldWtPct",
                        b -> b.setMaterialBasis(MaterialBasis.WHOLE_COAL)),
                bad("future", DlqReason.FUTURE_TIMESTAMP, "sampledAt",
                        b -> b.setSampledAt(ScreenerHarness.RECORD_TIME.plusSeconds(600))),
                bad("no-cao", DlqReason.MISSING_ANALYTE, "CaO",
                        oxides(Readings.without(Readings.typicalWtPct(), MajorOxide.CAO))),
                bad("no-na2o", DlqReason.MISSING_ANALYTE, "Na2O",
                        oxides(Readings.without(Readings.typicalWtPct(), MajorOxide.NA2O))),
                bad("sum-too-high", DlqReason.IMPLAUSIBLE_TOTAL, "118", oxides(silicaHeavy)),
                bad("sum-too-low", DlqReason.IMPLAUSIBLE_TOTAL, "47.5", oxides(thin)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReadings")
    void aBadReadingGoesToTheDlqUnchangedWithItsReason(Bad bad) {
        long dlqBefore = screener.metrics.count(InMemoryScreenerMetrics.dlqCounter(bad.reason));
        RecordHeaders sent = new RecordHeaders();
        sent.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        byte[] key = bad.key == null ? null : bad.key.getBytes(StandardCharsets.UTF_8);
        screener.readings.pipeInput(new TestRecord<>(key, bad.value, sent, ScreenerHarness.RECORD_TIME));

        TestRecord<byte[], byte[]> dead = screener.dlq.readRecord();
        assertTrue(screener.dlq.isEmpty());
        assertArrayEquals(key, dead.key(), "original key bytes");
        assertArrayEquals(bad.value, dead.value(), "original value bytes");
        assertEquals(bad.reason.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
        String detail = DlqHeaders.text(dead.headers(), DlqHeaders.DETAIL);
        assertTrue(detail.contains(bad.detailMentions), detail);
        assertEquals("xrf.readings", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_TOPIC));
        assertEquals("0", DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_PARTITION));
        assertTrue(Long.parseLong(DlqHeaders.text(dead.headers(), DlqHeaders.SOURCE_OFFSET)) >= 0);
        assertEquals(ScreenerHarness.WALL_CLOCK, Instant.parse(DlqHeaders.text(dead.headers(), DlqHeaders.TIME)));
        assertEquals("abc", DlqHeaders.text(dead.headers(), "trace-id"), "the record's own headers are kept");
        assertEquals(dlqBefore + 1, screener.metrics.count(InMemoryScreenerMetrics.dlqCounter(bad.reason)));
        assertTrue(screener.compositions.isEmpty(), "nothing of it reaches the lot");
        assertTrue(screener.predictions.isEmpty());
    }

    @Test
    void theDlqOffsetHeaderIsTheSourceOffset() {
        screener.send("L-OFF", "junk".getBytes(StandardCharsets.UTF_8));
        screener.send("L-OFF", "junk".getBytes(StandardCharsets.UTF_8));
        List<TestRecord<byte[], byte[]>> dead = screener.dlq.readRecordsToList();
        long first = Long.parseLong(DlqHeaders.text(dead.get(0).headers(), DlqHeaders.SOURCE_OFFSET));
        assertEquals(first + 1, Long.parseLong(DlqHeaders.text(dead.get(1).headers(), DlqHeaders.SOURCE_OFFSET)));
    }

    @Test
    void plausibleOddReadingsAreAccepted() {
        // A high-carbon reject ash: the oxides alone fall short, LOI makes up the rest.
        Map<MajorOxide, Double> half = Readings.typicalWtPct();
        half.replaceAll((o, v) -> v * 0.63);
        screener.send(Readings.oxides("L-LOI", "R-1", half).setLossOnIgnitionWtPct(35.0).build());
        // A whole-coal reading (20 % ash) of the typical ash: same mol % as the ash itself.
        Map<MajorOxide, Double> coal = Readings.typicalWtPct();
        coal.replaceAll((o, v) -> v * 0.2);
        screener.send(Readings.oxides("L-COAL", "R-1", coal).setMaterialBasis(MaterialBasis.WHOLE_COAL)
                .setAshYieldWtPct(20.0).build());
        screener.send(Readings.oxides("L-ASH", "R-1", Readings.typicalWtPct()).build());
        // Other oxides and elements are of the basis and simply not used; a below-detection MnO is substituted.
        List<AnalyteReading> extra = new ArrayList<>(Readings.oxides("x", "x", Readings.typicalWtPct()).getAnalytes());
        extra.add(Readings.analyte("SO3", 2.1, 0.1));
        extra.replaceAll(a -> a.getAnalyte().equals("MnO") ? AnalyteReading.newBuilder().setAnalyte("MnO")
                .setBelowDetection(true).setDetectionLimitInBasisUnit(0.01).build() : a);
        screener.send(Readings.oxides("L-EXTRA", "R-1", Readings.typicalWtPct()).setAnalytes(extra).build());

        assertTrue(screener.dlq.isEmpty(), () -> "dead-lettered: " + screener.dlq.readRecordsToList().stream()
                .map(r -> DlqHeaders.text(r.headers(), DlqHeaders.DETAIL)).toList());
        var out = screener.compositions.readValuesToList();
        assertEquals(4, out.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(out.get(2).getOxides().get(i).getMeanMolPct(), out.get(1).getOxides().get(i).getMeanMolPct(),
                    1e-9, "whole coal vs ash");
        }
        assertEquals(4, screener.predictions.readValuesToList().size());
    }

    @Test
    void lotMetadataCanBeRequired() {
        ScreenerSettings strict = ScreenerSettings.defaults().toBuilder().requireLotInfo(true).build();
        try (ScreenerHarness s = ScreenerHarness.start(strict, TestModels.trained())) {
            s.send(Readings.oxides("L-NEW", "R-1", Readings.typicalWtPct()).build());
            TestRecord<byte[], byte[]> dead = s.dlq.readRecord();
            assertEquals(DlqReason.UNKNOWN_LOT.name(), DlqHeaders.text(dead.headers(), DlqHeaders.REASON));
            s.lots.pipeInput("L-NEW", io.reescreen.schemas.LotInfo.newBuilder().setLotId("L-NEW").setSiteId("S")
                    .setUpdatedAt(Readings.SAMPLED).build());
            s.send(Readings.oxides("L-NEW", "R-1", Readings.typicalWtPct()).build());
            assertTrue(s.dlq.isEmpty());
            assertEquals("S", s.compositions.readValue().getSiteId());
        }
    }

    @Test
    void policiesThatRejectMoreAreHonoured() {
        ScreenerSettings strict = ScreenerSettings.defaults().toBuilder()
                .readingPolicy(ReadingPolicy.rejectMissing().withBelowDetection(BelowDetectionPolicy.REJECT)).build();
        try (ScreenerHarness s = ScreenerHarness.start(strict, TestModels.trained())) {
            s.send(Readings.oxides("L-S", "R-1", Readings.without(Readings.typicalWtPct(), MajorOxide.SIO2)).build());
            List<AnalyteReading> lod = new ArrayList<>(Readings.oxides("x", "x", Readings.typicalWtPct()).getAnalytes());
            lod.replaceAll(a -> a.getAnalyte().equals("MnO") ? AnalyteReading.newBuilder().setAnalyte("MnO")
                    .setBelowDetection(true).setDetectionLimitInBasisUnit(0.01).build() : a);
            s.send(Readings.oxides("L-S", "R-2", Readings.typicalWtPct()).setAnalytes(lod).build());
            List<String> reasons = s.dlq.readRecordsToList().stream()
                    .map(r -> DlqHeaders.text(r.headers(), DlqHeaders.REASON)).toList();
            assertEquals(List.of(DlqReason.MISSING_ANALYTE.name(), DlqReason.BELOW_DETECTION.name()), reasons);
        }
    }

    @Test
    void theValidatorWorksWithoutKafka() {
        ReadingValidator validator = new ReadingValidator(ScreenerSettings.defaults().validationLimits());
        XrfReading ok = Readings.oxides("L", "R", Readings.typicalWtPct()).build();
        ReadingVerdict accepted = validator.validate("L", ok, -1, Readings.SAMPLED.toEpochMilli(), null, TestModels.FEATURES);
        assertTrue(accepted.isAccepted(), accepted.toString());
        var shot = new ReadingEnricher(ScreenerSettings.defaults().readingPolicy()).enrich(ok, null).reading().shot();
        assertNull(shot.byDifference());
        assertNotNull(shot.sigmaMolPct());
        assertFalse(shot.belowDetection().contains(MajorOxide.MNO));
    }
}
