package io.reescreen.model.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ForwardPathTest {

    private static final NetworkShape SHAPE = NetworkShape.paper(30, 6);
    private static BatchedEnsemble ensemble;

    @BeforeAll
    static void load() {
        ensemble = BatchedEnsemble.load(SeededWeights.withBatchNormStatistics(SHAPE, 4, 44));
    }

    @AfterAll
    static void close() {
        ensemble.close();
    }

    @Test
    void javaForwardAgreesWithTheEngineForEveryMemberRowAndOutput() {
        // A row, part of a block, one block, and blocks with a remainder.
        for (int rows : new int[] {1, 37, 128, 300}) {
            float[] x = standardisedRows(rows, rows);
            float[] java = ensemble.predictStandardisedByOutput(x, rows, ForwardPath.JAVA);
            float[] engine = ensemble.predictStandardisedByOutput(x, rows, ForwardPath.ENGINE);
            assertEquals(SHAPE.members() * SHAPE.outputs() * rows, java.length);
            assertEquals(engine.length, java.length);
            for (int i = 0; i < java.length; i++) {
                assertEquals(engine[i], java[i], 1e-5 * (1 + Math.abs(engine[i])), "rows " + rows + ", value " + i);
            }
        }
    }

    @Test
    void foldedBatchNormGivesTheUnfoldedOutputsToFloatTolerance() {
        int rows = 50;
        float[] x = standardisedRows(rows, 7);
        float[] unfolded;
        try (NDManager scope = ensemble.manager().newSubManager()) {
            NDArray input = scope.create(x, new Shape(1, rows, SHAPE.inputs()));
            unfolded = ensemble.forward(input, BatchNormMode.FROZEN).toFloatArray();
        }
        float[] folded = ensemble.predictStandardised(x, rows);
        float[] byOutput = ensemble.predictStandardisedByOutput(x, rows, ForwardPath.JAVA);
        double largest = 0;
        for (int k = 0; k < SHAPE.members(); k++) {
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < SHAPE.outputs(); o++) {
                    float expected = unfolded[(k * rows + r) * SHAPE.outputs() + o];
                    String where = "member " + k + " row " + r + " output " + o;
                    assertEquals(expected, folded[(k * rows + r) * SHAPE.outputs() + o], 1e-5 * (1 + Math.abs(expected)), where);
                    assertEquals(expected, byOutput[(k * SHAPE.outputs() + o) * rows + r], 1e-5 * (1 + Math.abs(expected)), where);
                    largest = Math.max(largest, Math.abs(expected));
                }
            }
        }
        assertTrue(largest > 0.1, "the outputs are not all near zero: " + largest);
    }

    @Test
    void trainingAfterAPredictionIsSeenByTheNextPrediction() {
        try (BatchedEnsemble trained = BatchedEnsemble.load(SeededWeights.withBatchNormStatistics(NetworkShape.paper(2, 6), 9, 99))) {
            float[] x = standardisedRows(20, 3);
            float[] before = trained.predictStandardisedByOutput(x, 20, ForwardPath.JAVA);
            double[][] inputs = new double[20][6];
            double[][] targets = new double[20][17];
            for (int r = 0; r < 20; r++) {
                for (int j = 0; j < 6; j++) {
                    inputs[r][j] = x[r * 6 + j];
                }
                for (int o = 0; o < 17; o++) {
                    targets[r][o] = 1 + o + r % 3;
                }
            }
            EnsembleTrainer.train(trained, TrainingData.of(inputs, targets, StandardScaler.fit(inputs), StandardScaler.fit(targets), 0),
                    TrainingSettings.paper().withEpochs(2), TrainingPlan.full(), EnsembleTrainer.Progress.NONE);
            float[] after = trained.predictStandardisedByOutput(x, 20, ForwardPath.JAVA);
            float[] engine = trained.predictStandardisedByOutput(x, 20, ForwardPath.ENGINE);
            assertTrue(before[0] != after[0], "the folded weights were made again after training");
            assertEquals(engine[0], after[0], 1e-5 * (1 + Math.abs(engine[0])));
        }
    }

    @Test
    void theForwardPathIsChosenByRowsAndDevice() {
        assertEquals(ForwardPath.JAVA, ForwardPath.choose(128, false, 8_192));
        assertEquals(ForwardPath.JAVA, ForwardPath.choose(8_192, false, 8_192));
        assertEquals(ForwardPath.ENGINE, ForwardPath.choose(8_193, false, 8_192));
        assertEquals(ForwardPath.ENGINE, ForwardPath.choose(128, true, 8_192), "a GPU always runs the engine");
        assertEquals(ForwardPath.ENGINE, ForwardPath.choose(1, false, 0), "0 sends every call to the engine");
        assertEquals(ForwardPath.JAVA, ForwardPath.choose(1_000_000, false, ForwardPath.DEFAULT_MAX_ROWS));
        assertEquals(false, ensemble.onGpu(), "this machine's tests run on the CPU");
        String before = System.getProperty(ForwardPath.MAX_ROWS_PROPERTY);
        try {
            System.clearProperty(ForwardPath.MAX_ROWS_PROPERTY);
            assertEquals(ForwardPath.DEFAULT_MAX_ROWS, ForwardPath.maxRowsSetting());
            System.setProperty(ForwardPath.MAX_ROWS_PROPERTY, " 512 ");
            assertEquals(512, ForwardPath.maxRowsSetting());
            System.setProperty(ForwardPath.MAX_ROWS_PROPERTY, "many");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ForwardPath::maxRowsSetting);
            assertTrue(e.getMessage().contains(ForwardPath.MAX_ROWS_PROPERTY), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ForwardPath.MAX_ROWS_PROPERTY);
            } else {
                System.setProperty(ForwardPath.MAX_ROWS_PROPERTY, before);
            }
        }
    }

    private static float[] standardisedRows(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * SHAPE.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 1.5);
        }
        return x;
    }
}
