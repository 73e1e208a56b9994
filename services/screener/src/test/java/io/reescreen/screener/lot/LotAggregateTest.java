package io.reescreen.screener.lot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.screener.enrich.EnrichedReading;
import io.reescreen.screener.enrich.ShotComposition;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Inverse-variance weighting, spread and closure of the per-lot composition; the store format round-trips. */
class LotAggregateTest {

    private static final double[] A = {60, 15, 8, 6, 4, 1.5, 1.5, 1.2, 0.3, 0.1, };
    private static final double[] B = {55, 18, 9, 7, 5, 1.5, 1.5, 1.4, 0.5, 0.1, };

    private static EnrichedReading shot(String id, double[] molPct, double relativeSigma, MajorOxide byDifference) {
        double[] sigma = new double[10];
        for (int i = 0; i < 10; i++) {
            sigma[i] = relativeSigma * molPct[i];
        }
        return new EnrichedReading(id, "XRF-" + id, "L", 1_000L * id.hashCode(),
                new ShotComposition(molPct, sigma, byDifference, Set.of()), "S", AshOrigin.FLY_ASH);
    }

    @Test
    void aPreciseShotOutweighsANoisyOne() {
        LotAggregate lot = LotAggregate.empty("L")
                .plus(shot("1", A, 0.01, null), 0.03, 0.0, 5)
                .plus(shot("2", B, 0.04, MajorOxide.SIO2), 0.03, 0.0, 6);
        double[] mean = lot.meanMolPct();
        // Al2O3: weights 1/(0.15)^2 and 1/(0.72)^2 → mean close to A's 15, then closed to 100.
        double wA = 1 / Math.pow(0.01 * 15, 2);
        double wB = 1 / Math.pow(0.04 * 18, 2);
        double raw = (wA * 15 + wB * 18) / (wA + wB);
        double total = 0;
        for (int i = 0; i < 10; i++) {
            double wa = 1 / Math.pow(0.01 * A[i], 2);
            double wb = 1 / Math.pow(0.04 * B[i], 2);
            total += (wa * A[i] + wb * B[i]) / (wa + wb);
        }
        assertEquals(raw * 100 / total, mean[1], 1e-9);
        assertTrue(Math.abs(mean[1] - 15) < Math.abs(mean[1] - 18));
        assertEquals(100.0, java.util.Arrays.stream(mean).sum(), 1e-9);
        assertEquals(Math.sqrt(1 / (wA + wB)) * 100 / total, lot.standardErrorMolPct()[1], 1e-12);
        // Sample spread of {15, 18}; the input sigma takes it when it exceeds the standard error.
        assertEquals(Math.sqrt(4.5), lot.spreadMolPct()[1], 1e-12);
        assertEquals(Math.sqrt(4.5) / Math.sqrt(2), lot.inputSigmaMolPct()[1], 1e-12);
        assertEquals(Set.of(MajorOxide.SIO2), lot.byDifferenceOxides());
        assertEquals(Set.of("XRF-1", "XRF-2"), lot.analyzerIds());
        assertEquals("2", lot.lastReadingId());
        assertEquals(2, lot.shotCount());
        assertTrue(lot.toLotComposition().getOxides().get(0).getByDifference());
    }

    @Test
    void shotsWithoutSigmaGetTheDefaultAndNoSigmaTakesAllTheWeight() {
        ShotComposition noSigma = new ShotComposition(A, null, null, Set.of());
        assertEquals(0.03 * 15, noSigma.weightingSigmaMolPct(MajorOxide.AL2O3, 0.03, 0.005), 1e-12);
        ShotComposition zero = new ShotComposition(A, new double[10], null, Set.of());
        assertEquals(0.005 * 15, zero.weightingSigmaMolPct(MajorOxide.AL2O3, 0.03, 0.005), 1e-12);
    }

    @Test
    void theStoreFormatRoundTrips() {
        LotAggregate lot = LotAggregate.empty("L").plus(shot("1", A, 0.02, null), 0.03, 0.005, 5)
                .plus(shot("2", B, 0.02, null), 0.03, 0.005, 9);
        LotAggregate back = LotAggregate.SERDE.fromBytes(LotAggregate.SERDE.toBytes(lot));
        assertEquals(lot.toLotComposition(), back.toLotComposition());
        assertArrayEquals(lot.inputSigmaMolPct(), back.inputSigmaMolPct());
        assertEquals(AshOrigin.FLY_ASH, back.ashOrigin());
        byte[] bytes = LotAggregate.SERDE.toBytes(lot);
        bytes[0] = 9;
        assertThrows(org.apache.kafka.common.errors.SerializationException.class, () -> LotAggregate.SERDE.fromBytes(bytes));
    }

    @Test
    void aShotOfAnotherLotIsRefused() {
        EnrichedReading other = new EnrichedReading("1", "X", "OTHER", 0, new ShotComposition(A, null, null, Set.of()), null, null);
        assertThrows(IllegalArgumentException.class, () -> LotAggregate.empty("L").plus(other, 0.03, 0.005, 0));
        assertThrows(IllegalStateException.class, () -> LotAggregate.empty("L").meanMolPct());
    }
}
