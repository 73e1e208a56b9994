package io.reescreen.simulator;

import io.reescreen.model.data.LabelledSample;
import io.reescreen.schemas.LotInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LotMixTest {

    @Test
    void theReeRichShareIsMetExactlyAtTheThreshold() {
        LotMix mix = LotMix.of(40, 0.25, 11);
        List<SimulatedLot> lots = mix.draw("t1");
        assertEquals(40, lots.size());
        assertEquals(10, lots.stream().filter(SimulatedLot::reeRich).count());
        for (SimulatedLot lot : lots) {
            assertEquals(lot.trueTotalReePpmMol() >= 157.0, lot.reeRich(), lot.lotId());
        }
        LotMix strict = mix.withThresholdPpmMol(240);
        assertTrue(strict.draw("t1").stream().filter(SimulatedLot::reeRich)
                .allMatch(l -> l.trueTotalReePpmMol() >= 240));
    }

    @Test
    void allRichAndNoneRichAreBothPossible() {
        assertTrue(LotMix.of(30, 1.0, 3).draw("x").stream().allMatch(SimulatedLot::reeRich));
        assertTrue(LotMix.of(30, 0.0, 3).draw("x").stream().noneMatch(SimulatedLot::reeRich));
    }

    @Test
    void lotsAreSyntheticWithACompleteTruth() {
        for (SimulatedLot lot : LotMix.of(20, 0.5, 5).draw("t2")) {
            assertTrue(lot.syntheticSampleId().startsWith(LabelledSample.SYNTHETIC_ID_PREFIX), lot.syntheticSampleId());
            assertEquals(100.0, lot.trueWtPct().sumWtPct(), 1e-9, "wt % of the ten majors closes to 100");
            assertTrue(lot.trueMolPct().sumMolPct() > 98 && lot.trueMolPct().sumMolPct() < 100);
            assertEquals(lot.trueRee().oxides().sumPpmMol(), lot.trueTotalReePpmMol(), 1e-9);
            assertTrue(lot.trueTotalReePpmMol() >= 80 && lot.trueTotalReePpmMol() <= 293 * 1.5);
        }
    }

    @Test
    void theSameMixAndRunGiveTheSameLotsAndRunIdsKeepLotsApart() {
        LotMix mix = LotMix.of(12, 0.5, 9);
        assertEquals(mix.draw("a"), mix.draw("a"));
        Set<String> ids = new HashSet<>();
        mix.draw("a").forEach(l -> ids.add(l.lotId()));
        mix.draw("b").forEach(l -> ids.add(l.lotId()));
        assertEquals(24, ids.size(), "lot ids are unique within and across runs");
        assertNotEquals(LotMix.of(12, 0.5, 10).draw("a").get(0).trueWtPct(), mix.draw("a").get(0).trueWtPct());
    }

    @Test
    void lotsAreSpreadOverTheSitesAndNamedAfterThem() {
        List<SimulatedLot> lots = LotMix.of(6, 0.5, 1).withSites(List.of("S1", "S2")).draw("r9");
        assertEquals(List.of("S1", "S2", "S1", "S2", "S1", "S2"), lots.stream().map(SimulatedLot::siteId).toList());
        assertEquals("S1-r9-L0001", lots.get(0).lotId());
    }

    @Test
    void lotInfoCarriesTheMetadata() {
        SimulatedLot lot = LotMix.of(1, 1.0, 2).draw("m").get(0);
        Instant at = Instant.parse("2025-03-01T10:15:30.123456Z");
        LotInfo info = lot.toLotInfo(at);
        assertEquals(lot.lotId(), info.getLotId());
        assertEquals(lot.siteId(), info.getSiteId());
        assertEquals(lot.ashOrigin(), info.getAshOrigin());
        assertEquals(lot.coalRank(), info.getCoalRank());
        assertEquals(lot.basin(), info.getBasin());
        assertEquals(Instant.parse("2025-03-01T10:15:30.123Z"), info.getUpdatedAt(), "millisecond precision, as on the wire");
    }

    @Test
    void impossibleMixesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LotMix.of(0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> LotMix.of(5, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> LotMix.of(5, 0.5, 1).withThresholdPpmMol(300));
        assertThrows(IllegalArgumentException.class, () -> LotMix.of(5, 0.5, 1).withSites(List.of()));
    }
}
