package io.reescreen.screener;

import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.topology.ScreenerTopology;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.CoalRank;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.testing.TestSerdes;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reading path end to end on a TopologyTestDriver: composition, prediction, dedupe, units, by-difference. */
class ScreenerTopologyTest {

    private ScreenerHarness screener;

    @BeforeAll
    static void trainOnce() {
        TestModels.trained();
    }

    @BeforeEach
    void start() {
        screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained());
    }

    @AfterEach
    void stop() {
        screener.close();
    }

    @Test
    void aValidReadingGivesACompositionAndAFullPrediction() {
        screener.send(Readings.oxides("L-1", "R-1", Readings.typicalWtPct()).build());

        LotComposition composition = screener.compositions.readValue();
        assertEquals("L-1", composition.getLotId());
        assertEquals(1, composition.getShotCount());
        assertEquals(List.of("XRF-7"), composition.getAnalyzerIds());
        assertEquals("R-1", composition.getLastReadingId());
        assertEquals(Readings.SAMPLED, composition.getFirstSampledAt());
        assertEquals(ScreenerHarness.WALL_CLOCK, composition.getUpdatedAt());
        assertEquals(10, composition.getOxides().size());
        assertEquals(100.0, composition.getOxides().stream().mapToDouble(OxideMolPct::getMeanMolPct).sum(), 1e-9);
        // The library's own wt % → mol % conversion is the reference.
        var expected = OxideWtPct.of(Readings.typicalWtPct()).toMolPct();
        for (OxideMolPct o : composition.getOxides()) {
            MajorOxide oxide = MajorOxide.fromFormula(o.getOxide().name());
            assertEquals(expected.molPct(oxide), o.getMeanMolPct(), 1e-9, oxide.formula());
            assertEquals(0.0, o.getSpreadMolPct(), "one shot has no spread");
            assertTrue(o.getStandardErrorMolPct() > 0, "the reading's sigmas give a standard error");
            assertFalse(o.getByDifference());
        }

        ReePrediction p = screener.predictions.readValue();
        assertEquals("L-1", p.getLotId());
        assertEquals(ScreenerSettings.DEFAULT_MODEL_NAME, p.getModelName());
        assertTrue(p.getModelVersion().startsWith("bootstrap-synthetic-"), p.getModelVersion());
        assertEquals(1, p.getReadingCount());
        assertEquals(17, p.getOutputs().size());
        assertEquals(Arrays.asList(ReeTarget.values()).subList(0, 17),
                p.getOutputs().stream().map(ReeEstimate::getTarget).toList());
        for (ReeEstimate e : p.getOutputs()) {
            assertTrue(e.getP05PpmMol() <= e.getMeanPpmMol() && e.getMeanPpmMol() <= e.getP95PpmMol(), e.toString());
            assertTrue(e.getStdPpmMol() > 0, e.toString());
        }
        assertEquals(157.0, p.getThresholdTotalReePpmMol());
        assertTrue(p.getProbTotalAtOrAboveThreshold() >= 0 && p.getProbTotalAtOrAboveThreshold() <= 1);
        assertEquals(6, p.getAttributions().size());
        assertTrue(Double.isFinite(p.getDomainDistanceMahalanobis()));
        assertTrue(p.getByDifferenceOxides().isEmpty());
        assertEquals(5, p.getEnsembleMembers());
        assertEquals(64, p.getNoiseSamples());
        assertEquals(ScreenerHarness.WALL_CLOCK, p.getPredictedAt());

        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.READINGS_RECEIVED));
        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.PREDICTIONS));
        assertTrue(screener.metrics.predictionLatencyMeanMs() > 0);
        assertTrue(screener.dlq.isEmpty());

        // The queryable stores hold what was published.
        LotAggregate stored = screener.driver.<String, LotAggregate>getKeyValueStore(StoreNames.LOT_AGGREGATES).get("L-1");
        assertEquals(composition, stored.toLotComposition());
        assertEquals(p, screener.driver.<String, ReePrediction>getKeyValueStore(StoreNames.LOT_PREDICTIONS).get("L-1"));
    }

    @Test
    void aResentReadingIsCountedOnce() {
        var reading = Readings.oxides("L-2", "R-1", Readings.typicalWtPct()).build();
        screener.send(reading);
        screener.send(reading);
        assertEquals(1, screener.compositions.readValuesToList().size(), "the duplicate publishes nothing");
        assertEquals(1, screener.predictions.readValuesToList().size());
        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.READINGS_DUPLICATE));

        screener.send(Readings.oxides("L-2", "R-2", Readings.highCalciumWtPct()).build());
        screener.send(reading);
        List<LotComposition> later = screener.compositions.readValuesToList();
        assertEquals(1, later.size());
        assertEquals(2, later.get(0).getShotCount());
        assertEquals(2, screener.metrics.count(InMemoryScreenerMetrics.READINGS_DUPLICATE));
        // The same readingId in another lot is another shot.
        screener.send(Readings.oxides("L-3", "R-1", Readings.typicalWtPct()).build());
        assertEquals(1, screener.compositions.readValue().getShotCount());
    }

    @Test
    void elementPpmAndOxideWtPctOfOneCompositionGiveTheSameMolPct() {
        screener.send(Readings.oxides("L-OX", "R-1", Readings.highCalciumWtPct()).build());
        screener.send(Readings.elements("L-EL", "R-1", Readings.highCalciumWtPct()).build());
        List<LotComposition> both = screener.compositions.readValuesToList();
        assertEquals(2, both.size());
        for (int i = 0; i < 10; i++) {
            OxideMolPct ox = both.get(0).getOxides().get(i);
            OxideMolPct el = both.get(1).getOxides().get(i);
            assertEquals(ox.getOxide(), el.getOxide());
            assertEquals(ox.getMeanMolPct(), el.getMeanMolPct(), 1e-9, ox.getOxide().name());
            assertEquals(ox.getStandardErrorMolPct(), el.getStandardErrorMolPct(), 1e-9, ox.getOxide().name());
        }
        List<ReePrediction> predictions = screener.predictions.readValuesToList();
        // The model library seeds a lot's input-noise draws with the bits of its composition (so that a lot's
        // prediction does not depend on its batch), and the two unit paths agree to 1e-9, not to the last bit: the
        // answers agree within the Monte-Carlo error of the mean, not exactly.
        ReePrediction first = predictions.get(0);
        double monteCarloError = first.getOutputs().get(0).getStdPpmMol()
                / Math.sqrt(first.getEnsembleMembers() * (double) first.getNoiseSamples());
        assertEquals(first.getOutputs().get(0).getMeanPpmMol(), predictions.get(1).getOutputs().get(0).getMeanPpmMol(),
                3 * monteCarloError, "same inputs, same answer within the Monte-Carlo error");
    }

    @Test
    void aReadingWithoutSiO2IsCompletedByDifferenceAndThePredictionSaysSo() {
        screener.send(Readings.oxides("L-4", "R-1", Readings.without(Readings.typicalWtPct(), MajorOxide.SIO2)).build());
        LotComposition composition = screener.compositions.readValue();
        OxideMolPct silica = composition.getOxides().get(0);
        assertEquals(io.reescreen.schemas.MajorOxide.SiO2, silica.getOxide());
        assertTrue(silica.getByDifference());
        assertTrue(composition.getOxides().stream().skip(1).noneMatch(OxideMolPct::getByDifference));
        // SiO2 = 100 - the nine others (wt %), never a renormalisation over what was measured.
        Map<MajorOxide, Double> completed = Readings.typicalWtPct();
        completed.put(MajorOxide.SIO2, 100.0 - (Readings.typicalWtPct().values().stream().mapToDouble(d -> d).sum() - 52.0));
        assertEquals(OxideWtPct.of(completed).toMolPct().molPct(MajorOxide.AL2O3),
                composition.getOxides().get(1).getMeanMolPct(), 1e-9);

        ReePrediction p = screener.predictions.readValue();
        assertEquals(List.of(io.reescreen.schemas.MajorOxide.SiO2), p.getByDifferenceOxides());
    }

    @Test
    void lotMetadataIsJoinedWhenPresent() {
        screener.lots.pipeInput("L-5", LotInfo.newBuilder().setLotId("L-5").setSiteId("SITE-9")
                .setAshOrigin(AshOrigin.POND_ASH).setCoalRank(CoalRank.BITUMINOUS)
                .setUpdatedAt(Instant.parse("2025-05-01T00:00:00Z")).build());
        screener.send(Readings.oxides("L-5", "R-1", Readings.typicalWtPct()).build());
        screener.send(Readings.oxides("L-6", "R-1", Readings.typicalWtPct()).build());
        List<LotComposition> out = screener.compositions.readValuesToList();
        assertEquals("SITE-9", out.get(0).getSiteId());
        assertEquals(AshOrigin.POND_ASH, out.get(0).getAshOrigin());
        assertEquals(null, out.get(1).getSiteId(), "metadata is optional by default");
    }

    @Test
    void shotsAccumulateIntoAWeightedMeanWithSpread() {
        screener.send(Readings.oxides("L-7", "R-1", Readings.typicalWtPct()).build());
        screener.send(Readings.oxides("L-7", "R-2", Readings.highCalciumWtPct()).setAnalyzerId("XRF-8")
                .setSampledAt(Readings.SAMPLED.plusSeconds(600)).build());
        List<LotComposition> out = screener.compositions.readValuesToList();
        LotComposition two = out.get(1);
        assertEquals(2, two.getShotCount());
        assertEquals(List.of("XRF-7", "XRF-8"), two.getAnalyzerIds());
        assertEquals(Readings.SAMPLED, two.getFirstSampledAt());
        assertEquals(Readings.SAMPLED.plusSeconds(600), two.getLastSampledAt());
        OxideMolPct cao = two.getOxides().get(2);
        double low = out.get(0).getOxides().get(2).getMeanMolPct();
        assertTrue(cao.getMeanMolPct() > low, "the second shot pulls CaO up");
        assertTrue(cao.getSpreadMolPct() > 1, "two very different shots spread: " + cao.getSpreadMolPct());
        assertEquals(100.0, two.getOxides().stream().mapToDouble(OxideMolPct::getMeanMolPct).sum(), 1e-9);
        assertEquals(2, screener.predictions.readValuesToList().get(1).getReadingCount());
    }

    @Test
    void readingsAndLotsAreRepartitionedByLotIdBeforeTheyMeet() {
        TopologyDescription description = ScreenerTopology.buildTopology(ScreenerSettings.defaults().toBuilder()
                        .lotHopMisroutedOnly(false).build(), TestSerdes.avro(), screener.models, ScreenerMetrics.noop())
                .describe();
        assertEquals(1, description.globalStores().size());
        assertEquals(4, description.subtopologies().size(),
                "two hops onto the lots' partitions, then the screener; the release gate on models.releases");
        TopologyDescription.Subtopology main = description.subtopologies().stream()
                .filter(s -> s.toString().contains("screen-readings")).findFirst().orElseThrow();
        assertTrue(main.toString().contains("screen-lots"), "readings meet their lot's metadata in one task: " + main);
        assertTrue(main.toString().contains("readings-by-lot-repartition") && main.toString().contains("lots-by-lot-repartition"),
                main.toString());
        assertFalse(main.toString().contains("topics: [xrf.readings]"), "the screen never reads the producers' partitions");
    }

    @Test
    void byDefaultOnlyMisroutedRecordsHopAndTheInputsJoinTheScreensSubTopology() {
        TopologyDescription description = ScreenerTopology.buildTopology(ScreenerSettings.defaults(),
                TestSerdes.avro(), screener.models, ScreenerMetrics.noop()).describe();
        assertEquals(2, description.subtopologies().size(), "the screener with both hops in it; the release gate");
        TopologyDescription.Subtopology main = description.subtopologies().stream()
                .filter(s -> s.toString().contains("screen-readings")).findFirst().orElseThrow();
        List<String> sources = main.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).sorted().toList();
        assertEquals(List.of("lots", "lots-by-lot-repartition", "readings-by-lot-repartition", "xrf.readings"),
                sources, "records on their lot's partition are read where they are, the others after the hop");
        assertTrue(main.toString().contains("screen-lots"), main.toString());
    }

    @Test
    void producersThatPartitionByLotIdCanSkipTheHop() {
        TopologyDescription description = ScreenerTopology.buildTopology(ScreenerSettings.defaults().toBuilder()
                        .producersPartitionByLotId(true).build(), TestSerdes.avro(), screener.models,
                ScreenerMetrics.noop()).describe();
        assertFalse(description.toString().contains("repartition"), description.toString());
        // Readings and lots share one sub-topology (co-partitioned); the release gate on models.releases is the other.
        assertEquals(2, description.subtopologies().size(), description.toString());
        List<String> sources = description.subtopologies().stream().map(sub -> sub.nodes().stream()
                .filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).sorted().toList().toString())
                .sorted().toList();
        assertEquals(List.of("[lots, xrf.readings]", "[models.releases]"), sources);
    }
}
