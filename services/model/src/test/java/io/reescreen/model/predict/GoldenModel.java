package io.reescreen.model.predict;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.SeededWeights;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorOxide;

/**
 * The model and lots behind the golden outputs: 30 members of the paper's network, seeded weights with BatchNorm
 * statistics far from their defaults (so folding them is exercised), scalers and domain from seeded synthetic ash.
 * Plain Java from seeds, no training, so it is the same model on every build and engine.
 */
final class GoldenModel {

    static final FeatureSet FEATURES = FeatureSet.PAPER_SIX;
    static final int MEMBERS = 30;
    static final double LOG_RESIDUAL_SD = 0.25;

    private GoldenModel() {
    }

    static ScreeningModel load() {
        double[][] inputs = syntheticInputs();
        double[][] targets = syntheticTargets();
        NetworkShape shape = NetworkShape.paper(MEMBERS, FEATURES.size());
        BatchedEnsemble ensemble = BatchedEnsemble.load(SeededWeights.withBatchNormStatistics(shape, 15, 1_515));
        return new ScreeningModel(FEATURES, StandardScaler.fit(inputs), StandardScaler.fit(targets),
                TrainingDomain.fit(inputs), ensemble);
    }

    /**
     * Twelve lots: the domain median, eight synthetic lots, two out of the domain (aluminous, calcic) and one with
     * an input at zero (the noise draws are clipped there).
     */
    static double[][] lots(ScreeningModel model) {
        double[][] synthetic = syntheticInputs();
        double[][] lots = new double[12][];
        lots[0] = model.domain().median();
        for (int i = 0; i < 8; i++) {
            lots[1 + i] = synthetic[7 * i + 3];
        }
        lots[9] = model.domain().median();
        lots[9][FEATURES.oxides().indexOf(MajorOxide.AL2O3)] *= 4;
        lots[10] = model.domain().median();
        lots[10][FEATURES.oxides().indexOf(MajorOxide.CAO)] *= 5;
        lots[11] = synthetic[2].clone();
        lots[11][FEATURES.oxides().indexOf(MajorOxide.MGO)] = 0;
        return lots;
    }

    private static double[][] syntheticInputs() {
        Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(3)).generate(120);
        double[][] inputs = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            LabelledSample s = data.get(i);
            inputs[i] = FEATURES.oxides().stream().mapToDouble(o -> s.oxides().molPct(o)).toArray();
        }
        return inputs;
    }

    private static double[][] syntheticTargets() {
        Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(3)).generate(120);
        double[][] targets = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            targets[i] = data.get(i).targets().toArrayPpmMol();
        }
        return targets;
    }
}
