package io.reescreen.model.ensemble;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains every member of a {@link BatchedEnsemble} at once: one forward, one backward and one Adam update
 * per tensor per step, whatever the number of members. Each member draws its own shuffles and input noise
 * from its own seeded stream, so members differ as independently trained networks would, and a seed
 * fixes the result on the CPU.
 */
public final class EnsembleTrainer {

    /** DJL's PyTorch engine allows one gradient collector per JVM at a time. */
    private static final Object ENGINE_GRADIENT_LOCK = new Object();

    /** Told after every epoch; long runs show progress through it. */
    public interface Progress {
        void epochDone(int epoch, int epochs, double meanLoss);

        Progress NONE = (epoch, epochs, loss) -> { };
    }

    /** The mean training loss (weighted, standardised units, averaged over members) of each epoch. */
    public record Report(double[] epochLoss) {
        public double finalLoss() {
            return epochLoss.length == 0 ? Double.NaN : epochLoss[epochLoss.length - 1];
        }
    }

    private EnsembleTrainer() {
    }

    public static Report train(BatchedEnsemble network, TrainingData data, TrainingSettings settings,
                               TrainingPlan plan, Progress progress) {
        NetworkShape shape = network.shape();
        if (data.inputs()[0].length != shape.inputs() || data.targets()[0].length != shape.outputs()) {
            throw new IllegalArgumentException("data is " + data.inputs()[0].length + " -> " + data.targets()[0].length
                    + " but the network is " + shape.inputs() + " -> " + shape.outputs());
        }
        synchronized (ENGINE_GRADIENT_LOCK) {
            return trainLocked(network, data, settings, plan, progress);
        }
    }

    private static Report trainLocked(BatchedEnsemble network, TrainingData data, TrainingSettings settings,
                                      TrainingPlan plan, Progress progress) {
        NetworkShape shape = network.shape();
        int members = shape.members();
        int rows = data.rows();
        List<int[]> batches = batches(rows, settings.batchSize());
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                .optWeightDecays(settings.weightDecay())
                .build();
        float[] weights = normalised(data.lossWeights());
        Map<Parameter, NDArray> anchors = new EnumMap<>(Parameter.class);
        NDManager runScope = network.manager().newSubManager();
        try {
            NDArray lossWeights = EngineArrays.create(runScope, weights, new Shape(1, shape.outputs()));
            // A tensor, not objective.mul(float): see BatchedEnsemble#forward on scalars and autograd.
            NDArray anchorStrength = EngineArrays.create(runScope, new float[] {plan.anchorStrength()}, new Shape());
            for (Parameter p : plan.trainable()) {
                network.tensor(p).setRequiresGradient(true);
                if (plan.anchor() != null && plan.anchored().contains(p)) {
                    anchors.put(p, EngineArrays.create(runScope, plan.anchor().get(p), new Shape(p.shape(shape))));
                }
            }
            SplittableRandom[] streams = new SplittableRandom[members];
            int[][] order = new int[members][rows];
            for (int k = 0; k < members; k++) {
                streams[k] = new SplittableRandom(settings.seed() * 7_919L + k);
                for (int i = 0; i < rows; i++) {
                    order[k][i] = i;
                }
            }
            double[] epochLoss = new double[settings.epochs()];
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                for (int k = 0; k < members; k++) {
                    shuffle(order[k], streams[k]);
                }
                double lossSum = 0;
                for (int[] batch : batches) {
                    lossSum += step(network, data, batch, order, streams, lossWeights, plan, anchors, anchorStrength, adam) * batch[1];
                }
                epochLoss[epoch] = lossSum / rows / members;
                progress.epochDone(epoch + 1, settings.epochs(), epochLoss[epoch]);
            }
            return new Report(epochLoss);
        } finally {
            for (Parameter p : plan.trainable()) {
                network.tensor(p).setRequiresGradient(false);
            }
            runScope.close();
        }
    }

    /** One optimiser step on every member; returns the summed loss of the members. */
    private static double step(BatchedEnsemble network, TrainingData data, int[] batch, int[][] order,
                               SplittableRandom[] streams, NDArray lossWeights, TrainingPlan plan,
                               Map<Parameter, NDArray> anchors, NDArray anchorStrength, Optimizer adam) {
        NetworkShape shape = network.shape();
        int members = shape.members();
        int start = batch[0];
        int size = batch[1];
        float[] x = new float[members * size * shape.inputs()];
        float[] y = new float[members * size * shape.outputs()];
        for (int k = 0; k < members; k++) {
            for (int b = 0; b < size; b++) {
                int row = order[k][start + b];
                int xAt = (k * size + b) * shape.inputs();
                for (int j = 0; j < shape.inputs(); j++) {
                    double noise = data.inputNoiseSd()[row][j] == 0 ? 0 : data.inputNoiseSd()[row][j] * Gaussian.draw(streams[k]);
                    x[xAt + j] = (float) (data.inputs()[row][j] + noise);
                }
                int yAt = (k * size + b) * shape.outputs();
                for (int j = 0; j < shape.outputs(); j++) {
                    y[yAt + j] = (float) data.targets()[row][j];
                }
            }
        }
        double loss;
        try (NDManager scope = network.manager().newSubManager()) {
            NDArray xs = EngineArrays.create(scope, x, new Shape(members, size, shape.inputs()));
            NDArray ys = EngineArrays.create(scope, y, new Shape(members, size, shape.outputs()));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // Per member: sum_j w_j * MSE_j / sum_j w_j; summed over members, whose gradients stay apart.
                NDArray error = network.forward(xs, plan.batchNorm()).sub(ys);
                NDArray squared = error.square();
                if (plan.asymmetry() != ErrorAsymmetry.SYMMETRIC) {
                    NDArray penalisedSide = plan.asymmetry() == ErrorAsymmetry.PENALISE_OVERESTIMATES ? error.gt(0f) : error.lt(0f);
                    squared = squared.mul(penalisedSide.toType(DataType.FLOAT32, false)
                            .mul(plan.asymmetryFactor() - 1f).add(1f));
                }
                NDArray objective = squared.mean(new int[] {1}).mul(lossWeights).sum();
                loss = objective.getFloat();
                for (Map.Entry<Parameter, NDArray> anchor : anchors.entrySet()) {
                    objective = objective.add(network.tensor(anchor.getKey()).sub(anchor.getValue()).square().sum()
                            .mul(anchorStrength));
                }
                collector.backward(objective);
            }
            for (Parameter p : plan.trainable()) {
                NDArray weight = network.tensor(p);
                try (NDArray gradient = weight.getGradient()) {
                    adam.update(p.name(), weight, gradient);
                    gradient.subi(gradient); // PyTorch accumulates gradients; start the next step from zero
                }
            }
        }
        return loss;
    }

    /** Batch bounds {start, size}; a last batch of one row joins the previous one (BatchNorm needs two). */
    static List<int[]> batches(int rows, int batchSize) {
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < rows; start += batchSize) {
            batches.add(new int[] {start, Math.min(batchSize, rows - start)});
        }
        int[] last = batches.get(batches.size() - 1);
        if (last[1] == 1 && batches.size() > 1) {
            batches.remove(batches.size() - 1);
            batches.get(batches.size() - 1)[1] += 1;
        }
        return batches;
    }

    private static float[] normalised(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("loss weights must be positive");
            }
            sum += w;
        }
        float[] out = new float[weights.length];
        for (int j = 0; j < weights.length; j++) {
            out[j] = (float) (weights[j] / sum);
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
