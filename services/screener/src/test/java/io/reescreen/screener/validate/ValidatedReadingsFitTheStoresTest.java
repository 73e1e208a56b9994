package io.reescreen.screener.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.alert.LotVerdict;
import io.reescreen.screener.enrich.EnrichedReading;
import io.reescreen.screener.enrich.Enrichment;
import io.reescreen.screener.enrich.ReadingEnricher;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.lot.LotAggregator;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.testing.TestSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A property over seeded random readings that validation accepts: every store serde the screener writes them into
 * round-trips them, the dedupe key tells every (lot, reading) pair apart, and no changelog or output record grows
 * towards the record size limit. Ids are random Unicode (supplementary planes included) up to the 256-byte bound;
 * analyzers per lot run into the hundreds.
 */
class ValidatedReadingsFitTheStoresTest {

    private static final long SEED = 20261206L;
    private static final int READINGS = 3_000;
    private static final int LOTS = 12;

    private final Random random = new Random(SEED);
    private final ReadingValidator validator = new ReadingValidator(ScreenerSettings.defaults().validationLimits());
    private final ReadingEnricher enricher = new ReadingEnricher(ScreenerSettings.defaults().readingPolicy());

    @Test
    void everyAcceptedReadingRoundTripsThroughTheStoresAndStaysFarBelowTheRecordLimit() {
        List<String> lots = new ArrayList<>();
        Map<String, LotInfo> lotInfo = new HashMap<>();
        for (int i = 0; i < LOTS; i++) {
            String lot = randomId(Identifiers.MAX_BYTES);
            lots.add(lot);
            if (random.nextBoolean()) {
                lotInfo.put(lot, LotInfo.newBuilder().setLotId(lot).setSiteId(randomId(Identifiers.MAX_BYTES))
                        .setAshOrigin(AshOrigin.values()[random.nextInt(AshOrigin.values().length)])
                        .setUpdatedAt(Instant.EPOCH).build());
            }
        }
        Map<String, LotAggregate> aggregates = new HashMap<>();
        Set<String> dedupeKeys = new HashSet<>();
        Set<List<String>> pairs = new HashSet<>();
        int accepted = 0;
        for (int i = 0; i < READINGS; i++) {
            String lot = lots.get(random.nextInt(LOTS));
            XrfReading reading = randomReading(lot);
            ReadingVerdict outcome = validator.validate(lot, reading, Readings.SAMPLED.toEpochMilli(),
                    Readings.SAMPLED.toEpochMilli(), lotInfo.get(lot), TestModels.FEATURES);
            if (!outcome.isAccepted()) {
                continue;
            }
            Enrichment enriched = enricher.enrich(reading, lotInfo.get(lot));
            if (enriched.isRefused()) {
                continue;
            }
            accepted++;
            EnrichedReading r = enriched.reading();
            pairs.add(List.of(r.lotId(), r.readingId()));
            dedupeKeys.add(LotAggregator.readingKey(r.lotId(), r.readingId()));
            LotAggregate after = aggregates.getOrDefault(lot, LotAggregate.empty(lot)).plus(r, 0.03, 0.005, i);
            aggregates.put(lot, after);

            byte[] stored = LotAggregate.SERDE.toBytes(after);
            LotAggregate back = LotAggregate.SERDE.fromBytes(stored);
            assertArrayEquals(stored, LotAggregate.SERDE.toBytes(back), "the aggregate round-trips to the bit");
            assertEquals(after.toLotComposition(), back.toLotComposition());
            assertTrue(stored.length < 64 * 1024, stored.length + " bytes of aggregate");

            LotComposition composition = after.toLotComposition();
            byte[] out = TestSerdes.COMPOSITION.toBytes(composition);
            assertEquals(composition, TestSerdes.COMPOSITION.fromBytes(out));
            assertTrue(out.length < DeadLetter.DEFAULT_MAX_RECORD_BYTES / 10, out.length + " bytes of composition");

            LotVerdict verdict = new LotVerdict(random.nextBoolean(), "v-" + r.readingId(), random.nextDouble(),
                    after.shotCount(), i, random.nextBoolean() ? null : r.analyzerId());
            assertEquals(verdict, LotVerdict.SERDE.fromBytes(LotVerdict.SERDE.toBytes(verdict)));
        }
        assertTrue(accepted > READINGS / 2, "most random readings are valid ones: " + accepted);
        assertEquals(pairs.size(), dedupeKeys.size(), "one dedupe key per (lot, reading) pair");
        assertTrue(aggregates.values().stream().anyMatch(a -> a.analyzerIds().size() == LotAggregate.MAX_ANALYZER_IDS),
                "some lot reached the analyzer cap");
    }

    private XrfReading randomReading(String lot) {
        Map<MajorOxide, Double> wtPct = Readings.typicalWtPct();
        wtPct.replaceAll((o, v) -> v * (0.85 + 0.3 * random.nextDouble()));
        XrfReading.Builder b = random.nextBoolean()
                ? Readings.oxides(lot, randomId(Identifiers.MAX_BYTES), wtPct)
                : Readings.elements(lot, randomId(Identifiers.MAX_BYTES), wtPct);
        b.setAnalyzerId(randomId(Identifiers.MAX_BYTES));
        if (random.nextInt(5) == 0) {
            List<AnalyteReading> analytes = new ArrayList<>(b.getAnalytes());
            analytes.replaceAll(a -> AnalyteReading.newBuilder(a).setSigma1InBasisUnit(null).build());
            b.setAnalytes(analytes);
        }
        if (random.nextInt(4) == 0) {
            double ash = 5 + 60 * random.nextDouble();
            List<AnalyteReading> analytes = new ArrayList<>(b.getAnalytes());
            analytes.replaceAll(a -> AnalyteReading.newBuilder(a).setValueInBasisUnit(a.getValueInBasisUnit() * ash / 100)
                    .setSigma1InBasisUnit(a.getSigma1InBasisUnit() == null ? null : a.getSigma1InBasisUnit() * ash / 100)
                    .build());
            b.setAnalytes(analytes).setMaterialBasis(MaterialBasis.WHOLE_COAL).setAshYieldWtPct(ash);
        }
        return b.setSampledAt(Readings.SAMPLED.minusMillis(random.nextInt(86_400_000))).build();
    }

    /** A random id of 1 to {@code maxBytes} UTF-8 bytes: ASCII, Latin, CJK and emoji, never a control character. */
    private String randomId(int maxBytes) {
        int target = 1 + random.nextInt(maxBytes);
        StringBuilder id = new StringBuilder();
        int bytes = 0;
        while (true) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x21 + random.nextInt(0x7E - 0x21);
                case 1 -> 0xC0 + random.nextInt(0x100);
                case 2 -> 0x4E00 + random.nextInt(0x5000);
                default -> 0x1F300 + random.nextInt(0x300);
            };
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > target) {
                return id.length() == 0 ? "x" : id.toString();
            }
            id.appendCodePoint(cp);
            bytes += size;
        }
    }
}
