package io.reescreen.model.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Today's predictions against those of the commit before issue 15's scoring changes, on {@link GoldenModel}'s lots:
 * the speed-ups may change the forward pass's float rounding, nothing else.
 */
class GoldenPredictionsTest {

    /**
     * Of a value, plus this much of the target's spread (a float32 network's rounding is relative to it): the folded
     * BatchNorm and the Java forward pass round differently from the engine's unfolded one (bit-exact until then).
     */
    private static final double RELATIVE = 1e-5;
    /** A draw near the threshold may cross it when the forward pass rounds differently: at most 3 of 1,920. */
    private static final double P_HIGH_DRAWS = 3;

    private static ScreeningModel model;
    private static Map<?, ?> golden;

    @BeforeAll
    static void load() throws IOException {
        model = GoldenModel.load();
        try (InputStream in = GoldenPredictionsTest.class.getResourceAsStream("/golden/predictions-v0.json")) {
            golden = (Map<?, ?>) GoldenJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void predictionsOnFixedLotsMatchTheGoldenOutputsOfTheOldCommit() {
        double[][] lots = GoldenModel.lots(model);
        List<?> goldenLots = (List<?>) golden.get("lots_mol_pct");
        assertEquals(lots.length, goldenLots.size());
        for (int i = 0; i < lots.length; i++) {
            assertEquals(List.of(box(lots[i])), goldenLots.get(i), "the lots are those the golden outputs were made for");
        }
        PredictionSettings settings = PredictionSettings.defaults()
                .withThreshold((Double) golden.get("threshold_total_ree_ppm_mol"));
        List<LotPrediction> alone = new ArrayList<>();
        for (double[] lot : lots) {
            alone.add(model.predict(lot, null, settings));
        }
        compare("alone", alone);
        compare("batch", model.predictBatch(lots, null, settings));
        compare("batch_log_residual", model.sharingEnsembleWithLogResidual((Double) golden.get("log_residual_sd"))
                .predictBatch(lots, null, settings));
    }

    private static void compare(String variant, List<LotPrediction> actual) {
        List<?> expected = (List<?>) golden.get(variant);
        assertEquals(expected.size(), actual.size());
        double[] targetSpread = model.targetScaler().std();
        for (int i = 0; i < actual.size(); i++) {
            Map<?, ?> e = (Map<?, ?>) expected.get(i);
            LotPrediction a = actual.get(i);
            String lot = variant + " lot " + i;
            int draws = a.ensembleMembers() * a.noiseSamples();
            assertEquals((Double) e.get("p_high"), a.probTotalAtOrAboveThreshold(), P_HIGH_DRAWS / draws + 1e-12,
                    lot + " P(high)");
            // Not model outputs: exact.
            assertEquals((Double) e.get("distance"), a.domainDistanceMahalanobis(), 0.0, lot + " distance");
            assertEquals(e.get("out_of_domain"), a.outOfDomain(), lot + " out of domain");
            close((Double) e.get("point"), a.pointTotalReePpmMol(), targetSpread[0], lot + " point");
            close((Double) e.get("baseline"), a.attributionBaselinePpmMol(), targetSpread[0], lot + " baseline");
            List<?> attributions = (List<?>) e.get("attributions");
            for (int j = 0; j < attributions.size(); j++) {
                close((Double) attributions.get(j), a.attributionsPpmMol()[j], targetSpread[0], lot + " attribution " + j);
            }
            List<?> targets = (List<?>) e.get("targets");
            assertEquals(targets.size(), a.targets().size());
            for (int j = 0; j < targets.size(); j++) {
                List<?> t = (List<?>) targets.get(j);
                TargetEstimate at = a.targets().get(j);
                String target = lot + " " + at.target();
                close((Double) t.get(0), at.meanPpmMol(), targetSpread[j], target + " mean");
                close((Double) t.get(1), at.stdPpmMol(), targetSpread[j], target + " sd");
                close((Double) t.get(2), at.p05PpmMol(), targetSpread[j], target + " p05");
                close((Double) t.get(3), at.p95PpmMol(), targetSpread[j], target + " p95");
            }
        }
    }

    private static void close(double expected, double actual, double spread, String what) {
        double tolerance = RELATIVE * (Math.abs(expected) + spread);
        assertTrue(Math.abs(expected - actual) <= tolerance,
                what + ": expected " + expected + ", got " + actual + " (tolerance " + tolerance + ")");
    }

    private static Double[] box(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
