package io.reescreen.simulator;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.XrfReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShotGeneratorTest {

    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    private static SimulationPlan.Builder plan() {
        return SimulationPlan.builder().runId("unit").seed(5).lotMix(LotMix.of(8, 0.5, 5)).shotsPerLot(4)
                .clock(ShotClock.stepping(T0, Duration.ofSeconds(2)));
    }

    private static Set<String> lotIds(SimulationPlan plan) {
        return plan.lots().stream().map(SimulatedLot::lotId).collect(Collectors.toSet());
    }

    @Test
    void theSamePlanGivesTheSameShotsAndAnotherSeedOthers() {
        SimulationPlan plan = plan().badInputFraction(0.3).totalReadings(400).build();
        List<SimulatedShot> first = ShotGenerator.stream(plan).toList();
        List<SimulatedShot> second = ShotGenerator.stream(plan).toList();
        assertEquals(400, first.size());
        assertEquals(first, second);
        List<SimulatedShot> rebuilt = ShotGenerator.stream(plan().badInputFraction(0.3).totalReadings(400).build())
                .toList();
        assertEquals(first, rebuilt, "a plan is a function of its knobs");
        List<SimulatedShot> other = ShotGenerator.stream(plan().seed(6).badInputFraction(0.3).totalReadings(400)
                .build()).toList();
        assertNotEquals(first.get(0).reading(), other.get(0).reading());
    }

    @Test
    void readingIdsAreUniqueAndCarryTheRunId() {
        SimulationPlan plan = plan().badInputFraction(0.5).totalReadings(20_000).recordReadingIds(false).build();
        Set<String> ids = new HashSet<>();
        ShotGenerator.stream(plan).forEach(shot -> {
            assertTrue(ids.add(shot.readingId()), "duplicate " + shot.readingId());
            assertTrue(shot.readingId().startsWith("unit-"));
            if (shot.reading() != null) {
                assertEquals(shot.readingId(), shot.reading().getReadingId());
            }
        });
        assertEquals(20_000, ids.size());
    }

    @Test
    void lotsTakeTurnsAndTheSimulatedClockSteps() {
        SimulationPlan plan = plan().build();
        List<SimulatedShot> shots = ShotGenerator.stream(plan).toList();
        assertEquals(8 * 4, shots.size(), "default total: one survey of every lot");
        for (int i = 0; i < shots.size(); i++) {
            assertEquals(plan.lots().get(i / 4).lotId(), shots.get(i).lotId());
            assertEquals(T0.plusSeconds(2L * i), shots.get(i).reading().getSampledAt());
        }
        Set<String> analyzers = shots.stream().map(s -> s.reading().getAnalyzerId()).collect(Collectors.toSet());
        assertEquals(4, analyzers.size(), "every analyzer of the fleet takes shots");
    }

    @Test
    void aRunUntilStoppedNeverEnds() {
        SimulationPlan plan = plan().untilStopped().build();
        assertEquals(10_000, ShotGenerator.stream(plan).limit(10_000).count());
        assertTrue(new ShotGenerator(plan).hasNext());
    }

    @Test
    void goodReadingsPassEveryCheckAndResolveWithTheModelsConverters() {
        SimulationPlan plan = plan().lotMix(LotMix.of(40, 0.5, 8)).totalReadings(2000).build();
        Set<String> lots = lotIds(plan);
        for (SimulatedShot shot : (Iterable<SimulatedShot>) ShotGenerator.stream(plan)::iterator) {
            assertTrue(shot.isGood());
            XrfReading r = shot.reading();
            assertEquals(Set.of(), ReadingChecks.violations(r, lots, T0.plus(Duration.ofDays(2))), r.toString());
            OxideWtPct resolved = resolve(r);
            assertEquals(100.0, resolved.sumWtPct(), 6.0, "closes near 100 wt %: " + r);
            assertEquals(shot.lot().trueWtPct(MajorOxide.AL2O3), resolved.wtPct(MajorOxide.AL2O3),
                    6 * 0.05 * shot.lot().trueWtPct(MajorOxide.AL2O3), "Al2O3 within noise of the truth");
        }
    }

    /** The reading through the model's own unit converters, SiO2 by difference where it is not reported. */
    private static OxideWtPct resolve(XrfReading r) {
        OxideWtPctReading.Builder b = OxideWtPctReading.builder();
        for (AnalyteReading a : r.getAnalytes()) {
            MajorOxide oxide = ReadingChecks.oxideOf(r.getBasis(), a.getAnalyte());
            boolean ppm = r.getBasis() == CompositionBasis.ELEMENT_PPM;
            if (a.getBelowDetection()) {
                if (ppm) {
                    b.belowDetectionAsElementPpm(oxide, a.getDetectionLimitInBasisUnit());
                } else {
                    b.belowDetection(oxide, a.getDetectionLimitInBasisUnit());
                }
            } else if (ppm) {
                b.measuredAsElementPpm(oxide, a.getValueInBasisUnit(), a.getSigma1InBasisUnit());
            } else {
                b.measured(oxide, a.getValueInBasisUnit(), a.getSigma1InBasisUnit());
            }
        }
        return b.build().resolve(ReadingPolicy.byDifference(MajorOxide.SIO2));
    }

    @ParameterizedTest
    @EnumSource(BadInputKind.class)
    void everyBadKindIsBadInExactlyTheWayItClaims(BadInputKind kind) {
        SimulationPlan plan = plan().lotMix(LotMix.of(30, 0.5, 12)).badInputFraction(1.0).badInputKinds(kind)
                .totalReadings(400).build();
        Set<String> lots = lotIds(plan);
        Set<String> unknownLots = new HashSet<>();
        for (SimulatedShot shot : ShotGenerator.stream(plan).toList()) {
            assertEquals(kind, shot.badInput().orElseThrow());
            assertFalse(shot.isGood());
            if (kind == BadInputKind.UNDECODABLE) {
                assertNull(shot.reading());
                byte[] bytes = shot.undecodableBytes();
                assertNotEquals(0, bytes[0], "not the registry framing's magic byte");
                assertThrows(Exception.class, () -> XrfReading.getDecoder().decode(bytes));
                assertTrue(new String(bytes, StandardCharsets.UTF_8).contains(shot.readingId()));
                continue;
            }
            assertNull(shot.undecodableBytes());
            XrfReading r = shot.reading();
            assertEquals(Set.of(kind), ReadingChecks.violations(r, lots, T0.plus(Duration.ofHours(1))),
                    kind + " and nothing else: " + r);
            switch (kind) {
                case IMPLAUSIBLE_TOTAL -> {
                    double total = ReadingChecks.totalWtPct(r);
                    assertTrue(total >= 30 && total <= 50, "total " + total);
                    assertTrue(r.getAnalytes().stream().anyMatch(a -> a.getAnalyte().matches("SiO2|Si")));
                    r.getAnalytes().stream().filter(a -> a.getValueInBasisUnit() != null).forEach(a -> assertTrue(
                            ReadingChecks.wtPct(r.getBasis(), ReadingChecks.oxideOf(r.getBasis(), a.getAnalyte()),
                                    a.getValueInBasisUnit()) <= 100, "each value is a valid wt %"));
                }
                case FUTURE_TIMESTAMP -> assertTrue(r.getSampledAt().isAfter(T0.plus(Duration.ofHours(23))));
                case UNKNOWN_LOT -> {
                    assertNotEquals(shot.lot().lotId(), shot.lotId());
                    assertEquals(r.getLotId(), shot.lotId(), "the record key is the unknown lot id too");
                    assertTrue(unknownLots.add(shot.lotId()), "each unknown lot id is new");
                }
                default -> {
                }
            }
        }
    }

    @Test
    void theBadShareAndTheKindsFollowThePlan() {
        SimulationPlan plan = plan().badInputFraction(0.2).totalReadings(10_000).build();
        List<SimulatedShot> shots = ShotGenerator.stream(plan).toList();
        SimulationReport tally = SimulationReport.tally(plan, shots);
        assertEquals(10_000, tally.readingsSent());
        assertEquals(10_000, tally.goodReadings() + tally.badReadings());
        assertEquals(0.2, tally.badReadings() / 10_000.0, 0.02);
        for (BadInputKind kind : BadInputKind.values()) {
            assertTrue(tally.badReadings(kind) > 150, kind + ": " + tally.badReadings(kind));
            assertEquals(tally.badReadings(kind), tally.badReadingIdsPerKind().get(kind).size());
        }
        assertEquals(plan.lots().size(), tally.goodReadingsPerLot().size());
        assertEquals(10_000, tally.allReadingIds().distinct().count());

        SimulationPlan onlyTwo = plan().badInputFraction(0.5).badInputKinds(BadInputKind.NAN_VALUE,
                BadInputKind.UNKNOWN_LOT).totalReadings(500).build();
        Map<BadInputKind, Long> kinds = new EnumMap<>(BadInputKind.class);
        ShotGenerator.stream(onlyTwo).forEach(s -> s.badInput().ifPresent(k -> kinds.merge(k, 1L, Long::sum)));
        assertEquals(Set.of(BadInputKind.NAN_VALUE, BadInputKind.UNKNOWN_LOT), kinds.keySet());
    }

    @Test
    void goodReadingsHelperSkipsBadSlots() {
        SimulationPlan plan = plan().badInputFraction(0.5).untilStopped().build();
        List<XrfReading> readings = ShotGenerator.goodReadings(plan, 50);
        assertEquals(50, readings.size());
        Set<String> lots = lotIds(plan);
        readings.forEach(r -> assertEquals(Set.of(), ReadingChecks.violations(r, lots, T0.plus(Duration.ofHours(1)))));
    }

    @Test
    void expectedReasonsAreTheScreenersDeadLetterReasons() {
        Map<BadInputKind, String> expected = Map.of(
                BadInputKind.NEGATIVE_VALUE, "INVALID_VALUE",
                BadInputKind.NAN_VALUE, "INVALID_VALUE",
                BadInputKind.MISSING_REQUIRED_ANALYTE, "MISSING_ANALYTE",
                BadInputKind.IMPLAUSIBLE_TOTAL, "IMPLAUSIBLE_TOTAL",
                BadInputKind.UNKNOWN_BASIS, "UNKNOWN_BASIS",
                BadInputKind.FUTURE_TIMESTAMP, "FUTURE_TIMESTAMP",
                BadInputKind.UNKNOWN_LOT, "UNKNOWN_LOT",
                BadInputKind.UNDECODABLE, "UNDECODABLE");
        assertEquals(BadInputKind.values().length, expected.size());
        expected.forEach((kind, reason) -> assertEquals(reason, kind.expectedReason(), kind.name()));
    }

    @Test
    void plansRefuseInconsistentKnobs() {
        assertThrows(IllegalArgumentException.class, () -> plan().badInputFraction(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> plan().badInputFraction(0.1).badInputKinds(Set.of()).build());
        assertThrows(IllegalArgumentException.class, () -> plan().readingsPerSecond(0).build());
        assertThrows(IllegalArgumentException.class, () -> plan().shotsPerLot(0).build());
        assertThrows(IllegalArgumentException.class, () -> plan().runId("has space").build());
        assertThrows(IllegalArgumentException.class, () -> plan().badInputFraction(0.1)
                .analyzers(AnalyzerProfile.handheldWithoutSilica("NS")).build(),
                "IMPLAUSIBLE_TOTAL needs an analyzer reporting SiO2");
        assertNotNull(plan().badInputFraction(0.1).badInputKinds(BadInputKind.NAN_VALUE)
                .analyzers(AnalyzerProfile.handheldWithoutSilica("NS")).build());
    }
}
