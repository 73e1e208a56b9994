package io.reescreen.model.comparison;

import io.reescreen.model.ensemble.BatchedEnsemble;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.model.ensemble.TrainingData;
import io.reescreen.model.ensemble.TrainingPlan;
import io.reescreen.model.ensemble.TrainingSettings;

/**
 * The paper's single-task baseline: the same network and optimiser, one output (total REE), one member.
 * Same class of network as the multi-task one, so the comparison isolates what the 16 extra targets add.
 */
final class SingleTaskNetwork implements TotalReeRegressor {

    private final StandardScaler inputScaler;
    private final StandardScaler targetScaler;
    private final BatchedEnsemble network;

    private SingleTaskNetwork(StandardScaler inputScaler, StandardScaler targetScaler, BatchedEnsemble network) {
        this.inputScaler = inputScaler;
        this.targetScaler = targetScaler;
        this.network = network;
    }

    static SingleTaskNetwork fit(double[][] inputsMolPct, double[] totalPpmMol, TrainingSettings settings) {
        double[][] y = new double[totalPpmMol.length][];
        for (int i = 0; i < y.length; i++) {
            y[i] = new double[] {totalPpmMol[i]};
        }
        StandardScaler xs = StandardScaler.fit(inputsMolPct);
        StandardScaler ys = StandardScaler.fit(y);
        NetworkShape shape = NetworkShape.paper(1, inputsMolPct[0].length).withOutputs(1);
        BatchedEnsemble network = BatchedEnsemble.load(EnsembleWeights.initial(shape, settings.seed()));
        try {
            EnsembleTrainer.train(network, TrainingData.of(inputsMolPct, y, xs, ys, settings.inputNoiseRelative()),
                    settings, TrainingPlan.full(), EnsembleTrainer.Progress.NONE);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return new SingleTaskNetwork(xs, ys, network);
    }

    @Override
    public double[] predictTotalPpmMol(double[][] inputsMolPct) {
        int n = inputScaler.columns();
        float[] x = new float[inputsMolPct.length * n];
        for (int r = 0; r < inputsMolPct.length; r++) {
            double[] z = inputScaler.transform(inputsMolPct[r]);
            for (int j = 0; j < n; j++) {
                x[r * n + j] = (float) z[j];
            }
        }
        float[] out = network.predictStandardised(x, inputsMolPct.length);
        double[] total = new double[inputsMolPct.length];
        for (int r = 0; r < total.length; r++) {
            total[r] = targetScaler.inverse(0, out[r]);
        }
        return total;
    }

    @Override
    public void close() {
        network.close();
    }
}
