package io.reescreen.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reescreen.model.ensemble.ForwardPath;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A lot's prediction is the same on the Java forward path and the engine's, alone or in a batch. */
class ScreeningModelForwardPathsTest {

    private static ScreeningModel model;
    private static double[][] lots;

    @BeforeAll
    static void load() {
        model = GoldenModel.load();
        lots = GoldenModel.lots(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aLotGetsTheSamePredictionAloneOrInABatchOnEitherPath() {
        PredictionSettings settings = PredictionSettings.defaults().withThreshold(180);
        List<LotPrediction> java = batchOn(Integer.MAX_VALUE, settings);
        List<LotPrediction> engine = batchOn(0, settings);
        for (int i = 0; i < lots.length; i++) {
            model.ensemble().setJavaForwardMaxRows(Integer.MAX_VALUE);
            LotPrediction alone = model.predict(lots[i], null, settings);
            // The Java path sums each row in the same order whatever its batch: equal to the bit.
            LotPrediction inBatch = java.get(i);
            assertEquals(alone.targets(), inBatch.targets(), "lot " + i + " Java path");
            assertEquals(alone.probTotalAtOrAboveThreshold(), inBatch.probTotalAtOrAboveThreshold(), 0.0, "lot " + i);
            assertEquals(alone.pointTotalReePpmMol(), inBatch.pointTotalReePpmMol(), 0.0, "lot " + i);
            assertEquals(alone.attributionBaselinePpmMol(), inBatch.attributionBaselinePpmMol(), 0.0, "lot " + i);
            assertArrayEquals(alone.attributionsPpmMol(), inBatch.attributionsPpmMol(), "lot " + i);
            // The engine's products may round differently with the batch's size; and from the Java path's.
            model.ensemble().setJavaForwardMaxRows(0);
            assertClose(alone, model.predict(lots[i], null, settings), "lot " + i + " engine alone");
            assertClose(alone, engine.get(i), "lot " + i + " engine in a batch");
        }
        model.ensemble().setJavaForwardMaxRows(ForwardPath.maxRowsSetting());
    }

    @Test
    void attributionsSumToPredictionMinusBaselineOnBothPaths() {
        for (int maxRows : new int[] {Integer.MAX_VALUE, 0}) {
            for (LotPrediction p : batchOn(maxRows, PredictionSettings.defaults())) {
                double sum = 0;
                for (double a : p.attributionsPpmMol()) {
                    sum += a;
                }
                double scale = Math.abs(p.pointTotalReePpmMol()) + Math.abs(p.attributionBaselinePpmMol());
                assertEquals(p.pointTotalReePpmMol() - p.attributionBaselinePpmMol(), sum, 1e-12 * scale,
                        "efficiency, Java forward up to " + maxRows + " rows");
            }
        }
        model.ensemble().setJavaForwardMaxRows(ForwardPath.maxRowsSetting());
    }

    private static List<LotPrediction> batchOn(int javaMaxRows, PredictionSettings settings) {
        model.ensemble().setJavaForwardMaxRows(javaMaxRows);
        return model.predictBatch(lots, null, settings);
    }

    private static void assertClose(LotPrediction expected, LotPrediction actual, String what) {
        double spread = model.targetScaler().std()[0];
        assertEquals(expected.probTotalAtOrAboveThreshold(), actual.probTotalAtOrAboveThreshold(), 3.0 / 1920 + 1e-12, what);
        assertEquals(expected.pointTotalReePpmMol(), actual.pointTotalReePpmMol(), 1e-5 * spread, what);
        for (int j = 0; j < expected.targets().size(); j++) {
            TargetEstimate e = expected.targets().get(j);
            TargetEstimate a = actual.targets().get(j);
            double tolerance = 1e-5 * (Math.abs(e.meanPpmMol()) + model.targetScaler().std()[j]);
            assertEquals(e.meanPpmMol(), a.meanPpmMol(), tolerance, what + " " + e.target());
            assertEquals(e.p05PpmMol(), a.p05PpmMol(), tolerance, what + " " + e.target());
            assertEquals(e.p95PpmMol(), a.p95PpmMol(), tolerance, what + " " + e.target());
        }
        for (int j = 0; j < expected.attributionsPpmMol().length; j++) {
            assertEquals(expected.attributionsPpmMol()[j], actual.attributionsPpmMol()[j], 1e-5 * spread, what);
        }
    }
}
