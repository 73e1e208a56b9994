package io.reescreen.model.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JavaForwardTest {

    @Test
    void everyOutputHasTheBitsOfOneRowSummedInTheDocumentedOrder() {
        // Every remainder of the inputs by four at each layer, rows in one block, several, and a part block.
        int[][] shapes = {{6, 20, 6}, {1, 3, 2}, {4, 8, 4}, {5, 9, 7}, {7, 10, 11}, {10, 2, 1}, {9, 13, 5}};
        for (int[] s : shapes) {
            NetworkShape shape = new NetworkShape(3, s[0], s[1], s[2], 17);
            FrozenNetwork network = FrozenNetwork.fold(SeededWeights.withBatchNormStatistics(shape, s[0] + 31L * s[1], 5), 1e-5f);
            for (int rows : new int[] {1, 128, 301}) {
                float[] x = inputs(rows * shape.inputs(), rows);
                float[] actual = JavaForward.predictByOutput(network, x, rows);
                for (int k = 0; k < shape.members(); k++) {
                    for (int r = 0; r < rows; r++) {
                        float[] expected = oneRow(network, k, x, r);
                        for (int o = 0; o < shape.outputs(); o++) {
                            assertEquals(Float.floatToRawIntBits(expected[o]),
                                    Float.floatToRawIntBits(actual[(k * shape.outputs() + o) * rows + r]),
                                    () -> shape + ", rows " + rows + ": member, row and output differ in their bits");
                        }
                    }
                }
            }
        }
    }

    /** The reference: one member, one row, the bias then groups of four then single inputs, ReLU on hidden layers. */
    private static float[] oneRow(FrozenNetwork network, int k, float[] x, int row) {
        NetworkShape s = network.shape();
        float[] in = new float[s.inputs()];
        System.arraycopy(x, row * s.inputs(), in, 0, s.inputs());
        float[] h1 = dense(in, network.w1(), network.b1(), k, s.hidden1(), true);
        float[] h2 = dense(h1, network.w2(), network.b2(), k, s.hidden2(), true);
        return dense(h2, network.w3(), network.b3(), k, s.outputs(), false);
    }

    private static float[] dense(float[] in, float[] w, float[] b, int k, int outs, boolean relu) {
        int base = k * in.length * outs;
        float[] out = new float[outs];
        for (int o = 0; o < outs; o++) {
            float sum = b[k * outs + o];
            int i = 0;
            for (; i + 4 <= in.length; i += 4) {
                float group = in[i] * w[base + i * outs + o] + in[i + 1] * w[base + (i + 1) * outs + o];
                group += in[i + 2] * w[base + (i + 2) * outs + o];
                group += in[i + 3] * w[base + (i + 3) * outs + o];
                sum += group;
            }
            for (; i < in.length; i++) {
                sum += in[i] * w[base + i * outs + o];
            }
            out[o] = relu ? Math.max(sum, 0f) : sum;
        }
        return out;
    }

    private static float[] inputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * 1.5);
        }
        return x;
    }
}
