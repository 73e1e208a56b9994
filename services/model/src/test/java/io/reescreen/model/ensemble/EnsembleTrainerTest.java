package io.reescreen.model.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnsembleTrainerTest {

    private static final int INPUTS = 6;
    private static final int OUTPUTS = 17;

    /** A smooth multi-output function of 6 inputs, like REE contents of oxide compositions. */
    private static TrainingData learnable(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][INPUTS];
        double[][] y = new double[rows][OUTPUTS];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < INPUTS; j++) {
                x[i][j] = 5 + 3 * random.nextGaussian();
            }
            double total = 100 + 8 * x[i][0] - 5 * x[i][1] + 2 * x[i][2] + Math.max(0, x[i][3] - 5) * 3;
            y[i][0] = total;
            for (int j = 1; j < OUTPUTS; j++) {
                y[i][j] = total * (0.02 + 0.01 * j) + 0.3 * random.nextGaussian();
            }
        }
        return TrainingData.of(x, y, StandardScaler.fit(x), StandardScaler.fit(y), 0.0);
    }

    @Test
    void aLastBatchOfOneRowJoinsThePreviousOne() {
        assertEquals(List.of("0+10", "10+10", "20+10", "30+9"), bounds(EnsembleTrainer.batches(39, 10)));
        assertEquals(List.of("0+10", "10+10", "20+10", "30+11"), bounds(EnsembleTrainer.batches(41, 10)));
        assertEquals(List.of("0+10", "10+10"), bounds(EnsembleTrainer.batches(20, 10)));
    }

    @Test
    void djlAdamIsPyTorchAdamWithCoupledWeightDecay() {
        // First step from zero state: w -= lr * sign(g + wd * w), bias correction included.
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(0.1f).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f, 3f});
            NDArray g = manager.create(new float[] {0.5f, 0f, -1f});
            adam.update("w", w, g);
            assertArrayEquals(new float[] {1f - 1e-3f, -2f + 1e-3f, 3f + 1e-3f}, w.toFloatArray(), 1e-6f,
                    "decay enters the gradient (coupled), so a zero gradient still moves a weight toward 0");
        }
    }

    @Test
    void trainingLearnsAllTargetsOfAKnownFunction() {
        TrainingData data = learnable(80, 1);
        try (BatchedEnsemble network = BatchedEnsemble.load(EnsembleWeights.initial(NetworkShape.paper(4, INPUTS), 7))) {
            EnsembleTrainer.Report report = EnsembleTrainer.train(network, data,
                    TrainingSettings.paper().withEpochs(150).withWeightDecay(1e-4f).withInputNoise(0), TrainingPlan.full(),
                    EnsembleTrainer.Progress.NONE);
            assertTrue(report.finalLoss() < 0.25 * report.epochLoss()[0],
                    "loss falls: " + report.epochLoss()[0] + " -> " + report.finalLoss());
            float[] predicted = network.predictStandardised(flatten(data.inputs()), data.rows());
            for (int k = 0; k < 4; k++) {
                assertTrue(r2(data, predicted, k, 0) > 0.8, "member " + k + " R2 of the total: " + r2(data, predicted, k, 0));
            }
        }
    }

    @Test
    void aSeedFixesTheEnsembleAndMembersDiffer() {
        TrainingData data = learnable(40, 2);
        TrainingSettings settings = TrainingSettings.paper().withEpochs(5).withInputNoise(0.03);
        EnsembleWeights a = trained(data, settings, 11);
        EnsembleWeights b = trained(data, settings, 11);
        EnsembleWeights c = trained(data, settings.withSeed(12), 11);
        assertEquals(a, b, "same seeds, same weights, bit for bit");
        assertNotEquals(a, c, "another training seed, other weights");
        float[] w3 = a.get(Parameter.W3);
        int perMember = w3.length / 3;
        assertFalse(Arrays.equals(Arrays.copyOfRange(w3, 0, perMember), Arrays.copyOfRange(w3, perMember, 2 * perMember)),
                "members are different networks");
    }

    @Test
    void garbageCollectionDuringTrainingChangesNothing() throws InterruptedException {
        // Regression: scalars passed as Java numbers lived in Java buffers that the collector could free while
        // autograd still held them for the backward pass; with collections running, runs of one seed drifted apart.
        TrainingData data = learnable(32, 6);
        TrainingSettings settings = TrainingSettings.paper().withEpochs(8).withInputNoise(0.03);
        TrainingPlan anchored = TrainingPlan.full().anchoredTo(EnsembleWeights.initial(NetworkShape.paper(3, INPUTS), 3), 0.5f);
        EnsembleWeights quiet = trained(data, settings, anchored, 3);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (running.get()) {
                System.gc();
            }
        }, "gc-storm");
        collector.setDaemon(true);
        collector.start();
        try {
            for (int run = 0; run < 3; run++) {
                assertEquals(quiet, trained(data, settings, anchored, 3), "run " + run + " under collections");
            }
        } finally {
            running.set(false);
            collector.join();
        }
    }

    @Test
    void membersDoNotMixInTheBatchedComputation() {
        EnsembleWeights three = EnsembleWeights.initial(NetworkShape.paper(3, INPUTS), 5);
        float[] x = flatten(learnable(8, 3).inputs());
        float[] together;
        try (BatchedEnsemble all = BatchedEnsemble.load(three)) {
            together = all.predictStandardised(x, 8);
        }
        for (int k = 0; k < 3; k++) {
            try (BatchedEnsemble alone = BatchedEnsemble.load(member(three, k))) {
                float[] single = alone.predictStandardised(x, 8);
                float[] slice = Arrays.copyOfRange(together, k * single.length, (k + 1) * single.length);
                assertArrayEquals(single, slice, 1e-5f, "member " + k);
            }
        }
    }

    @Test
    void outputLayerTrainingLeavesEveryOtherTensorBitIdentical() {
        TrainingData data = learnable(12, 4);
        EnsembleWeights before = trained(learnable(60, 5), TrainingSettings.paper().withEpochs(3), 2);
        EnsembleWeights after;
        try (BatchedEnsemble network = BatchedEnsemble.load(before)) {
            EnsembleTrainer.train(network, data, TrainingSettings.paper().withEpochs(20), TrainingPlan.outputLayerOnly(),
                    EnsembleTrainer.Progress.NONE);
            after = network.weights();
        }
        for (Parameter p : Parameter.values()) {
            if (p.inOutputLayer()) {
                assertFalse(Arrays.equals(before.get(p), after.get(p)), p + " learns");
            } else {
                assertArrayEquals(before.get(p), after.get(p), p + " frozen, BatchNorm statistics included");
            }
        }
    }

    private static EnsembleWeights trained(TrainingData data, TrainingSettings settings, long initSeed) {
        return trained(data, settings, TrainingPlan.full(), initSeed);
    }

    private static EnsembleWeights trained(TrainingData data, TrainingSettings settings, TrainingPlan plan, long initSeed) {
        try (BatchedEnsemble network = BatchedEnsemble.load(EnsembleWeights.initial(NetworkShape.paper(3, INPUTS), initSeed))) {
            EnsembleTrainer.train(network, data, settings, plan, EnsembleTrainer.Progress.NONE);
            return network.weights();
        }
    }

    private static EnsembleWeights member(EnsembleWeights all, int k) {
        NetworkShape one = new NetworkShape(1, all.shape().inputs(), all.shape().hidden1(), all.shape().hidden2(),
                all.shape().outputs());
        Map<Parameter, float[]> values = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            int size = p.size(one);
            values.put(p, Arrays.copyOfRange(all.get(p), k * size, (k + 1) * size));
        }
        return new EnsembleWeights(one, values);
    }

    private static double r2(TrainingData data, float[] predicted, int member, int target) {
        int rows = data.rows();
        double mean = Arrays.stream(data.targets()).mapToDouble(r -> r[target]).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double truth = data.targets()[i][target];
            double p = predicted[(member * rows + i) * OUTPUTS + target];
            residual += (truth - p) * (truth - p);
            total += (truth - mean) * (truth - mean);
        }
        return 1 - residual / total;
    }

    private static float[] flatten(double[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                out[i * rows[i].length + j] = (float) rows[i][j];
            }
        }
        return out;
    }

    private static List<String> bounds(List<int[]> batches) {
        return batches.stream().map(b -> b[0] + "+" + b[1]).toList();
    }
}
