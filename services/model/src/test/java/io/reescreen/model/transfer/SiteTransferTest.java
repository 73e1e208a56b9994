package io.reescreen.model.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.ErrorAsymmetry;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.Parameter;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.ensemble.TrainingData;
import io.reescreen.model.ensemble.TrainingPlan;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.predict.TrainingDomain;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.units.FeatureSet;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SiteTransferTest {

    private static final FeatureSet FEATURES = FeatureSet.PAPER_SIX;
    private static ModelArtifact base;
    private static double[][] siteX;
    private static double[][] siteY;

    @BeforeAll
    static void trainBaseAndMakeASite() {
        Dataset home = new SyntheticAshGenerator(SyntheticSpec.withSeed(21)).generate(100);
        double[][] x = inputs(home);
        double[][] y = targets(home);
        StandardScaler xs = StandardScaler.fit(x);
        StandardScaler ys = StandardScaler.fit(y);
        try (BatchedEnsemble ensemble = BatchedEnsemble.load(EnsembleWeights.initial(NetworkShape.paper(4, 6), 3))) {
            EnsembleTrainer.train(ensemble, TrainingData.of(x, y, xs, ys, 0.03), TrainingSettings.paper().withEpochs(60),
                    TrainingPlan.full(), EnsembleTrainer.Progress.NONE);
            base = new ModelArtifact(FEATURES, xs, ys, TrainingDomain.fit(x), ensemble.weights(), Map.of(), Map.of());
        }
        // Another site: same chemistry, REE 40 % richer than the base has seen (a systematic offset).
        Dataset site = new SyntheticAshGenerator(SyntheticSpec.withSeed(22).withSiteBias(1.4)).generate(36);
        siteX = inputs(site);
        siteY = targets(site);
    }

    @Test
    void transferOnSixLotsCutsTheErrorOnTheSitesOtherLots() {
        double[][] trainX = Arrays.copyOfRange(siteX, 0, 6);
        double[][] trainY = Arrays.copyOfRange(siteY, 0, 6);
        double[][] testX = Arrays.copyOfRange(siteX, 6, siteX.length);
        double[][] testY = Arrays.copyOfRange(siteY, 6, siteY.length);
        double before;
        try (ScreeningModel model = base.load()) {
            before = meanAbsErrorOfTotal(model, testX, testY);
        }
        try (ScreeningModel transferred = SiteTransfer.transfer(base, trainX, trainY, TransferSettings.defaults(),
                EnsembleTrainer.Progress.NONE)) {
            double after = meanAbsErrorOfTotal(transferred, testX, testY);
            assertTrue(after < 0.7 * before, "error on held-out site lots, ppm mol: before " + before + ", after " + after);
            EnsembleWeights adapted = transferred.ensemble().weights();
            for (Parameter p : Parameter.values()) {
                if (p.inOutputLayer()) {
                    assertFalse(Arrays.equals(base.weights().get(p), adapted.get(p)), p + " adapted");
                } else {
                    assertArrayEquals(base.weights().get(p), adapted.get(p), p + " frozen");
                }
            }
        }
    }

    @Test
    void penalisingOverestimatesPredictsLowerThanPenalisingUnderestimates() {
        double[][] trainX = Arrays.copyOfRange(siteX, 0, 8);
        double[][] trainY = Arrays.copyOfRange(siteY, 0, 8);
        double[][] testX = Arrays.copyOfRange(siteX, 8, siteX.length);
        TransferSettings settings = TransferSettings.defaults();
        try (ScreeningModel fewerFalsePositives = SiteTransfer.transfer(base, trainX, trainY,
                settings.withAsymmetry(ErrorAsymmetry.PENALISE_OVERESTIMATES, 4f), EnsembleTrainer.Progress.NONE);
             ScreeningModel fewerFalseNegatives = SiteTransfer.transfer(base, trainX, trainY,
                     settings.withAsymmetry(ErrorAsymmetry.PENALISE_UNDERESTIMATES, 4f), EnsembleTrainer.Progress.NONE)) {
            double low = meanTotal(fewerFalsePositives, testX);
            double high = meanTotal(fewerFalseNegatives, testX);
            assertTrue(low < high, "mean predicted total: over-penalised " + low + " vs under-penalised " + high);
        }
    }

    private static double meanAbsErrorOfTotal(ScreeningModel model, double[][] x, double[][] y) {
        double[][] p = model.pointPredictions(x);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs(p[i][0] - y[i][0]) / x.length;
        }
        return sum;
    }

    private static double meanTotal(ScreeningModel model, double[][] x) {
        return Arrays.stream(model.pointPredictions(x)).mapToDouble(r -> r[0]).average().orElseThrow();
    }

    private static double[][] inputs(Dataset d) {
        double[][] x = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            var oxides = d.get(i).oxides();
            x[i] = FEATURES.oxides().stream().mapToDouble(oxides::molPct).toArray();
        }
        return x;
    }

    private static double[][] targets(Dataset d) {
        double[][] y = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            y[i] = d.get(i).targets().toArrayPpmMol();
        }
        return y;
    }
}
