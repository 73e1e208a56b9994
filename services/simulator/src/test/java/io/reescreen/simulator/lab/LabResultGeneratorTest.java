package io.reescreen.simulator.lab;

import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeUnits;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.LabMethod;
import io.reescreen.schemas.LabReeValue;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.RareEarthElement;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.SimulatedLot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabResultGeneratorTest {

    private static final List<SimulatedLot> LOTS_200 = LotMix.of(200, 0.5, 21).draw("lab1");

    @Test
    void theSameSeedGivesTheSameResultsAndAnotherSeedOthers() {
        LabPlan plan = LabPlan.builder().seed(5).badFraction(0.2).build();
        List<SimulatedLabResult> first = LabResultGenerator.generate(LOTS_200, plan);
        assertEquals(first, LabResultGenerator.generate(LOTS_200, plan));
        assertEquals(first.stream().map(SimulatedLabResult::labResult).toList(),
                LabResultGenerator.generate(LOTS_200, LabPlan.builder().seed(5).badFraction(0.2).build()).stream()
                        .map(SimulatedLabResult::labResult).toList());
        assertNotEquals(first, LabResultGenerator.generate(LOTS_200, LabPlan.builder().seed(6).badFraction(0.2).build()));
    }

    @Test
    void theChosenFractionOfLotsGetsOneResultEachWithDefaults() {
        List<SimulatedLabResult> results = LabResultGenerator.generate(LOTS_200, LabPlan.defaults());
        assertEquals(100, results.size(), "default: half the lots");
        assertEquals(60, LabResultGenerator.generate(LOTS_200,
                LabPlan.builder().labResultFraction(0.3).build()).size());
        assertEquals(0, LabResultGenerator.generate(LOTS_200, LabPlan.builder().labResultFraction(0).build()).size());
        assertEquals(200, LabResultGenerator.generate(LOTS_200, LabPlan.builder().labResultFraction(1).build()).size());

        Set<String> lotIds = new HashSet<>();
        Set<String> sites = new HashSet<>();
        Instant earliest = LabPlan.DEFAULT_READINGS_AT.plus(Duration.ofDays(3));
        for (SimulatedLabResult r : results) {
            LabResult lab = r.labResult();
            assertTrue(r.isGood());
            assertTrue(lotIds.add(lab.getLotId()), "one result per lot");
            sites.add(r.siteId());
            assertEquals("LAB-" + lab.getLotId(), lab.getLabResultId());
            assertEquals(r.lot().lotId(), lab.getLotId());
            assertEquals(LabPlan.DEFAULT_LAB_ID, lab.getLabId());
            assertEquals(LabMethod.ICP_MS, lab.getMethod());
            assertEquals(MaterialBasis.ASH, lab.getMaterialBasis());
            assertNull(lab.getAshYieldWtPct());
            assertEquals(List.of(RareEarthElement.values()),
                    lab.getValues().stream().map(LabReeValue::getElement).toList(), "all 16, in schema order");
            assertFalse(lab.getReportedAt().isBefore(earliest), lab.getReportedAt().toString());
            assertTrue(lab.getReportedAt().isBefore(earliest.plus(Duration.ofHours(6))));
            assertEquals(0, lab.getReportedAt().getNano() % 1_000_000, "millisecond precision");
        }
        assertEquals(Set.of("YARD-A", "YARD-B", "YARD-C"), sites, "the lab sees every site");
        assertTrue(results.stream().map(r -> r.labResult().getReportedAt()).distinct().count() > 90, "jittered");
    }

    @Test
    void elementPpmConvertsBackToTheOffsetTruthWithinTheNoise() {
        List<SimulatedLabResult> results = LabResultGenerator.generate(LOTS_200,
                LabPlan.builder().seed(3).labResultFraction(1).build());
        List<Double> vsExpected = new ArrayList<>();
        Map<String, List<Double>> vsTruthPerSite = new HashMap<>();
        for (SimulatedLabResult r : results) {
            OxideMolPct ash = r.lot().trueMolPct();
            assertEquals(Map.of("YARD-A", 0.75, "YARD-B", 1.35, "YARD-C", 1.0).get(r.siteId()), r.siteOffset(), 0.0);
            assertEquals(r.lot().trueTotalReePpmMol() * r.siteOffset(), r.expectedTotalPpmMol(), 1e-9);
            for (LabReeValue v : r.labResult().getValues()) {
                assertEquals(LabConcentrationUnit.PPM_MASS_ELEMENT, v.getUnit());
                assertFalse(v.getBelowDetection(), "REE in ash are far above 0.05 mg/kg");
                assertEquals(0.04 * v.getValueInUnit(), v.getSigma1InUnit(), 1e-12);
                ReeOxide oxide = SchemaEnums.oxide(v.getElement());
                double ppmMol = ReeUnits.oxidePpmMolFromElementPpm(oxide, v.getValueInUnit(), ash);
                vsExpected.add(ppmMol / r.expectedPpmMol(oxide));
                vsTruthPerSite.computeIfAbsent(r.siteId(), s -> new ArrayList<>())
                        .add(ppmMol / r.lot().trueRee().oxides().ppmMol(oxide));
            }
        }
        assertEquals(200 * 16, vsExpected.size());
        assertEquals(1.0, mean(vsExpected), 0.005, "unbiased around the offset truth");
        double sd = Math.sqrt(vsExpected.stream().mapToDouble(x -> (x - 1) * (x - 1)).average().orElseThrow());
        assertTrue(sd > 0.037 && sd < 0.043, "relative spread near the plan's 4 %: " + sd);
        assertEquals(1.35, mean(vsTruthPerSite.get("YARD-B")), 1.35 * 0.02, "the offset site reads 1.35x");
        assertEquals(0.75, mean(vsTruthPerSite.get("YARD-A")), 0.75 * 0.02, "the low site reads 0.75x");
        assertEquals(1.0, mean(vsTruthPerSite.get("YARD-C")), 0.02, "the unaffected site reads the truth");
    }

    @Test
    void theReportedUnitFollowsThePlanWithTheSameUnderlyingMeasurement() {
        Map<LabConcentrationUnit, List<SimulatedLabResult>> byUnit = new HashMap<>();
        for (LabConcentrationUnit unit : List.of(LabConcentrationUnit.PPM_MASS_ELEMENT,
                LabConcentrationUnit.PPM_MASS_OXIDE, LabConcentrationUnit.PPM_MOL_OXIDE)) {
            List<SimulatedLabResult> results = LabResultGenerator.generate(LOTS_200.subList(0, 30),
                    LabPlan.builder().seed(8).unit(unit).build());
            results.forEach(r -> r.labResult().getValues().forEach(v -> assertEquals(unit, v.getUnit())));
            byUnit.put(unit, results);
        }
        List<SimulatedLabResult> element = byUnit.get(LabConcentrationUnit.PPM_MASS_ELEMENT);
        List<SimulatedLabResult> oxideMass = byUnit.get(LabConcentrationUnit.PPM_MASS_OXIDE);
        List<SimulatedLabResult> oxideMol = byUnit.get(LabConcentrationUnit.PPM_MOL_OXIDE);
        assertEquals(15, element.size());
        for (int i = 0; i < element.size(); i++) {
            OxideMolPct ash = element.get(i).lot().trueMolPct();
            for (int e = 0; e < 16; e++) {
                ReeOxide oxide = SchemaEnums.oxide(RareEarthElement.values()[e]);
                double mol = oxideMol.get(i).labResult().getValues().get(e).getValueInUnit();
                double mass = oxideMass.get(i).labResult().getValues().get(e).getValueInUnit();
                double elem = element.get(i).labResult().getValues().get(e).getValueInUnit();
                assertEquals(mol, ReeUnits.oxidePpmMolFromElementPpm(oxide, elem, ash), 1e-9 * mol);
                assertEquals(mass, ReeUnits.oxidePpmMassFromElementPpm(oxide, elem), 1e-9 * mass);
            }
        }
    }

    @Test
    void withoutNoiseTheMolarValuesAreExactlyTheOffsetTruth() {
        List<SimulatedLabResult> results = LabResultGenerator.generate(LOTS_200.subList(0, 12),
                LabPlan.builder().relativeNoise(0).labResultFraction(1).unit(LabConcentrationUnit.PPM_MOL_OXIDE)
                        .siteOffsets(SiteOffsets.of(Map.of("YARD-C", 0.8))).build());
        for (SimulatedLabResult r : results) {
            double offset = r.siteId().equals("YARD-C") ? 0.8 : 1.0;
            for (LabReeValue v : r.labResult().getValues()) {
                ReeOxide oxide = SchemaEnums.oxide(v.getElement());
                assertEquals(r.lot().trueRee().oxides().ppmMol(oxide) * offset, v.getValueInUnit(), 1e-12);
                assertEquals(0.0, v.getSigma1InUnit());
            }
        }
    }

    @Test
    void valuesUnderTheDetectionLimitAreFlaggedWithoutValue() {
        double limit = 2.0; // mg/kg: above the heavy lanthanides' content in most ashes, below the light ones'
        List<SimulatedLabResult> results = LabResultGenerator.generate(LOTS_200,
                LabPlan.builder().detectionLimitElementPpm(limit).build());
        int flagged = 0;
        int measured = 0;
        for (SimulatedLabResult r : results) {
            for (LabReeValue v : r.labResult().getValues()) {
                if (v.getBelowDetection()) {
                    flagged++;
                    assertNull(v.getValueInUnit());
                    assertNull(v.getSigma1InUnit());
                } else {
                    measured++;
                    assertTrue(v.getValueInUnit() >= limit, v.toString());
                }
            }
        }
        assertTrue(flagged > 50 && measured > 50, flagged + " flagged, " + measured + " measured");
        // Compared in element mg/kg whatever the unit: the same elements are flagged in ppm mol of the oxide.
        List<SimulatedLabResult> molar = LabResultGenerator.generate(LOTS_200, LabPlan.builder()
                .detectionLimitElementPpm(limit).unit(LabConcentrationUnit.PPM_MOL_OXIDE).build());
        assertEquals(flags(results), flags(molar));
    }

    @Test
    void everyBadKindIsMadeAndBreaksExactlyItsRule() {
        Set<String> known = LOTS_200.stream().map(SimulatedLot::lotId).collect(Collectors.toSet());
        LabPlan plan = LabPlan.builder().seed(13).labResultFraction(0.5).badFraction(0.5).build();
        List<SimulatedLabResult> results = LabResultGenerator.generate(LOTS_200, plan);
        assertEquals(100, results.size());
        Map<BadLabResultKind, Integer> perKind = new HashMap<>();
        for (SimulatedLabResult r : results) {
            Set<String> broken = violations(r.labResult(), known);
            if (r.isGood()) {
                assertEquals(Set.of(), broken, r.toString());
                assertTrue(r.expectedPpmMol().isPresent());
                assertEquals(r.lot().siteId(), r.siteId());
            } else {
                BadLabResultKind kind = r.badKind().orElseThrow();
                perKind.merge(kind, 1, Integer::sum);
                assertEquals(Set.of(kind.expectedReason()), broken, r.toString());
                assertTrue(r.expectedPpmMol().isEmpty());
                assertThrows(IllegalStateException.class, r::expectedTotalPpmMol);
                if (kind == BadLabResultKind.UNKNOWN_LOT) {
                    assertNull(r.siteId());
                    assertEquals("LAB-" + r.lotId(), r.labResultId());
                } else {
                    assertEquals(r.lot().lotId(), r.lotId());
                    assertEquals(r.lot().siteId(), r.siteId());
                }
            }
        }
        Map<BadLabResultKind, Integer> expected = new HashMap<>();
        for (BadLabResultKind kind : BadLabResultKind.values()) {
            expected.put(kind, 10);
        }
        assertEquals(expected, perKind, "50 bad results, the five kinds in turn");
        assertEquals(results.size(), results.stream().map(SimulatedLabResult::labResultId).distinct().count());

        // A lot that stays good gets the same result whatever the bad fraction.
        Map<String, LabResult> clean = new HashMap<>();
        LabResultGenerator.generate(LOTS_200, LabPlan.builder().seed(13).build())
                .forEach(r -> clean.put(r.lotId(), r.labResult()));
        results.stream().filter(SimulatedLabResult::isGood)
                .forEach(r -> assertEquals(clean.get(r.lotId()), r.labResult()));

        LabSimulationReport tally = LabSimulationReport.tally("lab.results", results);
        assertEquals(50, tally.goodResults());
        assertEquals(50, tally.badResults());
        assertEquals(10, tally.badResults(BadLabResultKind.MISSING_ELEMENT));
        assertEquals(100, tally.resultsSent());
    }

    @Test
    void onlyTheEnabledBadKindsAreMade() {
        List<SimulatedLabResult> results = LabResultGenerator.generate(LOTS_200, LabPlan.builder()
                .badFraction(0.2).badKinds(BadLabResultKind.UNKNOWN_UNIT).build());
        assertEquals(20, results.stream().filter(r -> !r.isGood()).count());
        assertTrue(results.stream().filter(r -> !r.isGood())
                .allMatch(r -> r.badKind().orElseThrow() == BadLabResultKind.UNKNOWN_UNIT));
        assertEquals(80, LabResultGenerator.goodResults(LOTS_200, LabPlan.builder()
                .badFraction(0.2).badKinds(BadLabResultKind.UNKNOWN_UNIT).build()).size());
    }

    @Test
    void badPlansAndOffsetsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabPlan.builder().labResultFraction(1.1).build());
        assertThrows(IllegalArgumentException.class, () -> LabPlan.builder().badFraction(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> LabPlan.builder().relativeNoise(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> LabPlan.builder().detectionLimitElementPpm(-1).build());
        assertThrows(IllegalArgumentException.class, () -> LabPlan.builder().delay(Duration.ofDays(-1)).build());
        assertThrows(IllegalArgumentException.class,
                () -> LabPlan.builder().unit(LabConcentrationUnit.UNKNOWN).build());
        assertThrows(IllegalArgumentException.class, () -> LabPlan.builder().labId(" ").build());
        assertThrows(IllegalArgumentException.class,
                () -> LabPlan.builder().badFraction(0.1).badKinds(EnumSet.noneOf(BadLabResultKind.class)).build());
        assertThrows(IllegalArgumentException.class, () -> SiteOffsets.of(Map.of("YARD-A", 0.0)));
        assertThrows(IllegalArgumentException.class, () -> SiteOffsets.of(Map.of("YARD-A", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> SiteOffsets.of(Map.of("YARD-A", Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> SiteOffsets.of(Map.of(" ", 1.2)));
        assertThrows(IllegalArgumentException.class, () -> SiteOffsets.none().with("YARD-A", -2));
        List<SimulatedLot> twice = List.of(LOTS_200.get(0), LOTS_200.get(0));
        assertThrows(IllegalArgumentException.class, () -> LabResultGenerator.generate(twice, LabPlan.defaults()));

        assertEquals(1.35, SiteOffsets.defaults().factor("YARD-B"));
        assertEquals(0.75, SiteOffsets.defaults().factor("YARD-A"));
        assertEquals(1.0, SiteOffsets.defaults().factor("YARD-C"));
        assertEquals(1.0, SiteOffsets.defaults().factor("anywhere"));
        assertEquals(2.0, SiteOffsets.none().with("POND-C", 2.0).factor("POND-C"));
    }

    /** The retrainer's rules, as this test understands them: the reasons a result would be dead-lettered for. */
    private static Set<String> violations(LabResult r, Set<String> knownLots) {
        Set<String> reasons = new HashSet<>();
        if (!knownLots.contains(r.getLotId())) {
            reasons.add("UNKNOWN_LOT");
        }
        if (r.getMaterialBasis() == MaterialBasis.WHOLE_COAL && r.getAshYieldWtPct() == null) {
            reasons.add("MISSING_ASH_YIELD");
        }
        if (r.getMaterialBasis() == MaterialBasis.UNKNOWN) {
            reasons.add("UNKNOWN_BASIS");
        }
        Set<RareEarthElement> elements = EnumSet.noneOf(RareEarthElement.class);
        for (LabReeValue v : r.getValues()) {
            if (v.getUnit() == LabConcentrationUnit.UNKNOWN) {
                reasons.add("UNKNOWN_UNIT");
            }
            if (!elements.add(v.getElement())) {
                reasons.add("DUPLICATE_ELEMENT");
            }
            Double value = v.getValueInUnit();
            if (v.getBelowDetection() != (value == null)) {
                reasons.add(value == null ? "INVALID_VALUE" : "INCONSISTENT_DETECTION");
            }
            if (value != null && !(Double.isFinite(value) && value >= 0)) {
                reasons.add("INVALID_VALUE");
            }
        }
        if (elements.size() != 16) {
            reasons.add("MISSING_ELEMENT");
        }
        return reasons;
    }

    private static List<Boolean> flags(List<SimulatedLabResult> results) {
        return results.stream().flatMap(r -> r.labResult().getValues().stream()).map(LabReeValue::getBelowDetection)
                .toList();
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
