package io.reescreen.model.ensemble;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Untrained but realistic weights for tests of inference: PyTorch's initialisation and BatchNorm far from neutral. */
public final class SeededWeights {

    private SeededWeights() {
    }

    /**
     * {@link EnsembleWeights#initial} from {@code seed}, then BatchNorm scales 0.5-1.5, shifts within +-0.3, running
     * means within +-0.5 and running variances 0.05-2 drawn from {@code batchNormSeed}, layer by layer.
     */
    public static EnsembleWeights withBatchNormStatistics(NetworkShape shape, long seed, long batchNormSeed) {
        EnsembleWeights initial = EnsembleWeights.initial(shape, seed);
        SplittableRandom random = new SplittableRandom(batchNormSeed);
        Map<Parameter, float[]> batchNorm = new EnumMap<>(Parameter.class);
        for (Parameter[] layer : new Parameter[][] {
                {Parameter.GAMMA1, Parameter.BETA1, Parameter.RUNNING_MEAN1, Parameter.RUNNING_VAR1},
                {Parameter.GAMMA2, Parameter.BETA2, Parameter.RUNNING_MEAN2, Parameter.RUNNING_VAR2}}) {
            int n = layer[0].size(shape);
            batchNorm.put(layer[0], uniform(random, n, 0.5, 1.5));
            batchNorm.put(layer[1], uniform(random, n, -0.3, 0.3));
            batchNorm.put(layer[2], uniform(random, n, -0.5, 0.5));
            batchNorm.put(layer[3], uniform(random, n, 0.05, 2));
        }
        return initial.with(batchNorm);
    }

    private static float[] uniform(SplittableRandom random, int n, double from, double to) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (from + (to - from) * random.nextDouble());
        }
        return v;
    }
}
