package io.reescreen.model.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.evaluation.RegressionMetrics;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.units.FeatureSet;
import org.junit.jupiter.api.Test;

class SingleTaskNetworkTest {

    private static final TrainingSettings SETTINGS = new TrainingSettings(40, 16, 1e-2f, 1e-2f, 0.03, 5L);

    @Test
    void learnsTotalReeAndIsDeterministicForASeed() {
        Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(12)).generate(40);
        double[][] x = data.inputsMolPct(FeatureSet.PAPER_SIX);
        double[] y = data.totalReePpmMol();
        double[] untrained;
        try (SingleTaskNetwork none = SingleTaskNetwork.fit(x, y, SETTINGS.withEpochs(0))) {
            untrained = none.predictTotalPpmMol(x);
        }
        try (SingleTaskNetwork a = SingleTaskNetwork.fit(x, y, SETTINGS);
             SingleTaskNetwork b = SingleTaskNetwork.fit(x, y, SETTINGS)) {
            double[] predicted = a.predictTotalPpmMol(x);
            assertEquals(x.length, predicted.length);
            assertArrayEquals(predicted, b.predictTotalPpmMol(x), "same seed, same network");
            double before = RegressionMetrics.rmse(y, untrained);
            double after = RegressionMetrics.rmse(y, predicted);
            assertTrue(after < 0.7 * before, "training RMSE, ppm mol: untrained " + before + ", trained " + after);
            // Inference is row by row (BatchNorm on running statistics): a row's value does not depend on its batch.
            for (int i : new int[] {0, 17, 39}) {
                double alone = a.predictTotalPpmMol(new double[][] {x[i]})[0];
                assertEquals(predicted[i], alone, 1e-6 * Math.abs(predicted[i]), "row " + i);
            }
        }
    }
}
