package io.reescreen.screener.rescore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.enrich.EnrichedReading;
import io.reescreen.screener.enrich.ShotComposition;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.predict.LotScorer;
import io.reescreen.screener.predict.LotToScore;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.serving.ModelLease;
import io.reescreen.screener.testing.TestModels;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A lot.compositions record gives the scorer exactly what the aggregate the screener wrote it from gives it. */
class CompositionLotsTest {

    private static final double[] ASH = {58, 14.3, 13.7, 5.5, 4.5, 1.0, 1.1, 1.1, 0.2, 0.1};

    /** A lot as the screener aggregates it: shots that disagree, with and without sigmas, SiO2 by difference once. */
    static LotAggregate lot(String lotId, int shots, double scale) {
        LotAggregate lot = LotAggregate.empty(lotId);
        for (int s = 0; s < shots; s++) {
            double[] molPct = ASH.clone();
            molPct[1] *= scale * (1 + 0.03 * Math.sin(s + 1));
            molPct[2] *= 1 + 0.05 * Math.cos(3 * s);
            molPct[3] *= 1 + 0.02 * s;
            double sum = 0;
            for (double v : molPct) {
                sum += v;
            }
            double[] sigma = new double[molPct.length];
            for (int i = 0; i < molPct.length; i++) {
                molPct[i] *= 100 / sum;
                sigma[i] = 0.02 * molPct[i];
            }
            ShotComposition shot = new ShotComposition(molPct, s % 2 == 0 ? sigma : null,
                    s == 1 ? MajorOxide.SIO2 : null, Set.of());
            lot = lot.plus(new EnrichedReading(lotId + "-R" + s, "XRF-" + (s % 2), lotId, 1_000L * s, shot, "SITE",
                    AshOrigin.FLY_ASH), 0.03, 0.005, 5_000L + s);
        }
        return lot;
    }

    @Test
    void theRescoreGivesTheScorerTheStreamsInputsToTheBitAndTheSamePrediction() {
        for (int shots : new int[] {1, 2, 7}) {
            LotAggregate live = lot("L" + shots, shots, 1.0);
            LotToScore stream = LotToScore.of(live);
            LotToScore rescore = CompositionLots.toScore(live.toLotComposition());
            assertEquals(stream, rescore, "lot of " + shots + " shots");
            for (int i = 0; i < MajorOxide.COUNT; i++) {
                assertEquals(live.meanMolPct()[i], rescore.meanMolPct()[i], 0.0, "mean, to the bit: " + i);
                assertEquals(live.inputSigmaMolPct()[i], rescore.inputSigmaMolPct()[i], 0.0, "noise, to the bit: " + i);
            }
            assertEquals(live.byDifferenceOxides(), rescore.byDifference());
            assertEquals(shots > 1 ? Set.of(MajorOxide.SIO2) : Set.of(), rescore.byDifference());
            assertEquals(live.shotCount(), rescore.shotCount());

            try (CurrentModel models = CurrentModel.bootstrap("m", TestModels.trained(), "synthetic");
                 ModelLease lease = models.acquire()) {
                LotScorer scorer = new LotScorer(ScreenerSettings.defaults().scoringSettings());
                ReePrediction a = scorer.score(stream, lease.info(), lease.model(), 42);
                ReePrediction b = scorer.score(rescore, lease.info(), lease.model(), 42);
                assertEquals(a, b, "the same prediction, Monte-Carlo draws included");
            }
        }
    }

    @Test
    void theModelInputsAndTheirNoiseComeBackToTheBitForManyLots() {
        java.util.Random random = new java.util.Random(7);
        for (int k = 0; k < 500; k++) {
            LotAggregate live = lot("R" + k, 1 + random.nextInt(12), 0.5 + random.nextDouble());
            assertEquals(LotToScore.of(live), CompositionLots.toScore(live.toLotComposition()), "lot " + k);
        }
    }

    @Test
    void inputsThatDifferInOneUlpOfOneFigureAreNotEqual() {
        LotToScore a = LotToScore.of(lot("L", 3, 1.0));
        double[] mean = a.meanMolPct();
        mean[4] = Math.nextUp(mean[4]);
        assertNotEquals(a, new LotToScore(a.lotId(), mean, a.inputSigmaMolPct(), a.shotCount(), a.byDifference()));
        assertEquals(a, new LotToScore(a.lotId(), a.meanMolPct(), a.inputSigmaMolPct(), a.shotCount(), a.byDifference()));
    }

    @Test
    void compositionsTheScreenerCouldNotHaveWrittenAreRefusedWithWhy() {
        LotComposition good = lot("L", 3, 1.0).toLotComposition();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> CompositionLots.toScore(
                LotComposition.newBuilder(good).setOxides(good.getOxides().subList(0, 9)).build()));
        assertTrue(missing.getMessage().contains("MnO is missing"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompositionLots.toScore(
                LotComposition.newBuilder(good).setShotCount(0).build()));
        var twice = new java.util.ArrayList<>(good.getOxides());
        twice.set(9, twice.get(0));
        assertThrows(IllegalArgumentException.class, () -> CompositionLots.toScore(
                LotComposition.newBuilder(good).setOxides(List.copyOf(twice)).build()));
    }
}
