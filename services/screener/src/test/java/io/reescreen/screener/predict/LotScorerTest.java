package io.reescreen.screener.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.predict.LotPrediction;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.enrich.EnrichedReading;
import io.reescreen.screener.enrich.ShotComposition;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.serving.ModelLease;
import io.reescreen.screener.testing.TestModels;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The threshold in its configured unit becomes the model's ppm mol through the lot's own composition. */
class LotScorerTest {

    private static final double[] ASH = {58, 14.3, 13.7, 5.5, 4.5, 1.0, 1.1, 1.1, 0.2, 0.1};

    @Test
    void aMassThresholdIsConvertedPerLot() {
        LotAggregate lot = LotAggregate.empty("L").plus(new EnrichedReading("R", "X", "L", 0,
                new ShotComposition(ASH, null, null, Set.of()), null, AshOrigin.FLY_ASH), 0.03, 0.005, 0);
        ScreenerSettings mass = ScreenerSettings.defaults().toBuilder().threshold(300, ThresholdUnit.ELEMENT_PPM_MASS).build();
        try (CurrentModel models = CurrentModel.bootstrap("m", TestModels.trained(), "synthetic");
             ModelLease lease = models.acquire()) {
            ScreeningModel model = lease.model();
            ReePrediction p = new LotScorer(mass.scoringSettings()).score(LotToScore.of(lot), lease.info(), model, 0);
            // ppm mol = element ppm x (mean molar mass of the ash ~ 62 g/mol) / (cation mass per oxide formula,
            // 140-350 g/mol): 300 mg/kg of REE elements is some 60-130 ppm mol.
            assertTrue(p.getThresholdTotalReePpmMol() > 50 && p.getThresholdTotalReePpmMol() < 140,
                    "converted threshold " + p.getThresholdTotalReePpmMol());
            // The same first pass by hand: the lot's features and input sigma, the threshold as given.
            LotPrediction first = model.predict(pick(lot.meanMolPct()), pick(lot.inputSigmaMolPct()),
                    mass.predictionSettings(300));
            assertEquals(300 * LotScorer.ppmMolPerElementPpm(first, lot.meanMolPct()), p.getThresholdTotalReePpmMol(), 1e-9);
            ReePrediction mol = new LotScorer(ScreenerSettings.defaults().scoringSettings()).score(LotToScore.of(lot), lease.info(), model, 0);
            assertEquals(157.0, mol.getThresholdTotalReePpmMol());
        }
    }

    /** Al2O3, CaO, Fe2O3, MgO, TiO2, P2O5 (the paper's six, its order) out of the ten. */
    private static double[] pick(double[] ten) {
        return new double[] {ten[1], ten[2], ten[3], ten[4], ten[7], ten[8]};
    }
}
