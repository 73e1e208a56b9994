package io.reescreen.model.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.ensemble.TrainingData;
import io.reescreen.model.ensemble.TrainingPlan;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorOxide;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScreeningModelTest {

    private static final FeatureSet FEATURES = FeatureSet.PAPER_SIX;
    private static ScreeningModel model;
    private static double[][] inputs;

    @BeforeAll
    static void trainSmallModel() {
        Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(3)).generate(120);
        inputs = new double[data.size()][];
        double[][] targets = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            LabelledSample s = data.get(i);
            inputs[i] = FEATURES.oxides().stream().mapToDouble(o -> s.oxides().molPct(o)).toArray();
            targets[i] = s.targets().toArrayPpmMol();
        }
        StandardScaler xs = StandardScaler.fit(inputs);
        StandardScaler ys = StandardScaler.fit(targets);
        BatchedEnsemble ensemble = BatchedEnsemble.load(EnsembleWeights.initial(NetworkShape.paper(5, FEATURES.size()), 1));
        EnsembleTrainer.train(ensemble, TrainingData.of(inputs, targets, xs, ys, 0.03),
                TrainingSettings.paper().withEpochs(40), TrainingPlan.full(), EnsembleTrainer.Progress.NONE);
        model = new ScreeningModel(FEATURES, xs, ys, TrainingDomain.fit(inputs), ensemble);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void attributionsAreExactShapleyValues() {
        LotPrediction p = model.predict(inputs[7], null, PredictionSettings.defaults());
        double sum = 0;
        for (double a : p.attributionsPpmMol()) {
            sum += a;
        }
        assertEquals(p.pointTotalReePpmMol() - p.attributionBaselinePpmMol(), sum, 1e-6, "efficiency: they add up");
        // Brute force over all 720 orderings: the average marginal contribution of each input.
        double[] byPermutation = shapleyByPermutations(inputs[7]);
        for (int j = 0; j < FEATURES.size(); j++) {
            // 1e-5 ppm mol: the network runs in float32, and the brute force evaluates rows in other batches.
            assertEquals(byPermutation[j], p.attributionsPpmMol()[j], 1e-5, FEATURES.oxides().get(j).toString());
        }
    }

    @Test
    void intervalsAndProbabilityBehave() {
        LotPrediction p = model.predict(inputs[3], null, PredictionSettings.defaults());
        assertEquals(17, p.targets().size());
        for (TargetEstimate t : p.targets()) {
            assertTrue(t.p05PpmMol() <= t.meanPpmMol() && t.meanPpmMol() <= t.p95PpmMol(), t.toString());
            assertTrue(t.stdPpmMol() > 0, "ensemble x noise spread: " + t);
        }
        double mean = p.total().meanPpmMol();
        assertEquals(1.0, model.predict(inputs[3], null, PredictionSettings.defaults().withThreshold(p.total().p05PpmMol() * 0.5))
                .probTotalAtOrAboveThreshold(), 1e-12);
        assertEquals(0.0, model.predict(inputs[3], null, PredictionSettings.defaults().withThreshold(p.total().p95PpmMol() * 2))
                .probTotalAtOrAboveThreshold(), 1e-12);
        double atMean = model.predict(inputs[3], null, PredictionSettings.defaults().withThreshold(mean)).probTotalAtOrAboveThreshold();
        assertTrue(atMean > 0.2 && atMean < 0.8, "P(total >= its own mean) near one half: " + atMean);
    }

    @Test
    void widerInputSigmaWidensTheInterval() {
        double[] lot = inputs[11];
        double[] tight = new double[lot.length];
        double[] loose = new double[lot.length];
        for (int j = 0; j < lot.length; j++) {
            tight[j] = 0.005 * lot[j];
            loose[j] = 0.10 * lot[j];
        }
        TargetEstimate a = model.predict(lot, tight, PredictionSettings.defaults()).total();
        TargetEstimate b = model.predict(lot, loose, PredictionSettings.defaults()).total();
        assertTrue(b.p95PpmMol() - b.p05PpmMol() > a.p95PpmMol() - a.p05PpmMol(), a + " vs " + b);
    }

    @Test
    void farCompositionsAreOutOfDomain() {
        LotPrediction typical = model.predict(model.domain().median(), null, PredictionSettings.defaults());
        assertFalse(typical.outOfDomain(), "the training median is in domain: " + typical.domainDistanceMahalanobis());
        double[] odd = model.domain().median();
        odd[FEATURES.oxides().indexOf(MajorOxide.AL2O3)] *= 4; // an aluminous ash unlike any training row
        LotPrediction far = model.predict(odd, null, PredictionSettings.defaults());
        assertTrue(far.outOfDomain(), "distance " + far.domainDistanceMahalanobis() + " vs " + model.domain().maxDistance());
    }

    @Test
    void aBatchEqualsTheLotsOneByOne() {
        double[][] lots = {inputs[0], inputs[1], inputs[2]};
        List<LotPrediction> batch = model.predictBatch(lots, null, PredictionSettings.defaults().withNoiseSamples(1));
        for (int i = 0; i < lots.length; i++) {
            LotPrediction single = model.predict(lots[i], null, PredictionSettings.defaults().withNoiseSamples(1));
            assertEquals(single.pointTotalReePpmMol(), batch.get(i).pointTotalReePpmMol(), 1e-3);
            assertEquals(model.pointPredictions(new double[][] {lots[i]})[0][0], single.pointTotalReePpmMol(), 1e-3);
        }
    }

    @Test
    void badInputsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new double[] {1, 2, 3}, null, PredictionSettings.defaults()));
        assertTrue(e.getMessage().contains("expected 6 inputs"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> model.predict(new double[] {15, Double.NaN, 5, 3, 1, 0.2}, null, PredictionSettings.defaults()));
    }

    private static double[] shapleyByPermutations(double[] lot) {
        int n = lot.length;
        double[] phi = new double[n];
        List<int[]> permutations = new ArrayList<>();
        permute(new int[] {0, 1, 2, 3, 4, 5}, 0, permutations);
        double[] median = model.domain().median();
        for (int[] order : permutations) {
            double[] x = median.clone();
            double before = model.pointPredictions(new double[][] {x})[0][0];
            for (int j : order) {
                x[j] = lot[j];
                double after = model.pointPredictions(new double[][] {x})[0][0];
                phi[j] += (after - before) / permutations.size();
                before = after;
            }
        }
        return phi;
    }

    private static void permute(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            int t = a[k]; a[k] = a[i]; a[i] = t;
            permute(a, k + 1, out);
            t = a[k]; a[k] = a[i]; a[i] = t;
        }
    }
}
