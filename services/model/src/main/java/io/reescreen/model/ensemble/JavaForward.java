package io.reescreen.model.ensemble;

/**
 * The folded network's forward pass in plain Java, for the small batches of scoring where an engine call costs
 * more in overhead than in arithmetic. Rows are the innermost loop everywhere, over a block of rows held one array
 * per feature and indexed from 0: the shape C2 turns into SIMD instructions (with an offset into a shared array it
 * cannot rule out overlap, and the loop stays scalar, 4x slower as measured). A pass over the block takes up to
 * five inputs, so each sum is loaded and stored once for several products. Each row's sums run in the same order
 * whatever its block or batch, so a row's outputs do not depend on them.
 */
final class JavaForward {

    private static final int BLOCK = 128;

    private JavaForward() {
    }

    /**
     * @param x    {@code rows} rows of standardised inputs, row-major
     * @return the outputs laid out [member][output][row], in standardised target units
     */
    static float[] predictByOutput(FrozenNetwork network, float[] x, int rows) {
        NetworkShape s = network.shape();
        int inputs = s.inputs();
        int hidden1 = s.hidden1();
        int hidden2 = s.hidden2();
        int outputs = s.outputs();
        float[][] in = new float[inputs][BLOCK];
        float[][] h1 = new float[hidden1][BLOCK];
        float[][] h2 = new float[hidden2][BLOCK];
        float[][] y = new float[outputs][BLOCK];
        float[] out = new float[s.members() * outputs * rows];
        for (int from = 0; from < rows; from += BLOCK) {
            int n = Math.min(BLOCK, rows - from);
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < inputs; j++) {
                    in[j][r] = x[(from + r) * inputs + j];
                }
            }
            for (int k = 0; k < s.members(); k++) {
                layer(in, network.w1(), network.b1(), k, h1, n, true);
                layer(h1, network.w2(), network.b2(), k, h2, n, true);
                layer(h2, network.w3(), network.b3(), k, y, n, false);
                for (int o = 0; o < outputs; o++) {
                    System.arraycopy(y[o], 0, out, (k * outputs + o) * rows + from, n);
                }
            }
        }
        return out;
    }

    /**
     * out[o][r] = b[o] + sum_i in[i][r] w[i][o] with member k's weights [in][out], for rows 0..n-1; then ReLU. Per row
     * the sum runs in one fixed order: the bias, then each whole group of four inputs summed first (((x0 w0 + x1 w1) +
     * x2 w2) + x3 w3), then the inputs left over one by one. The passes over the rows are few (the first starts from
     * the bias, a group's pass takes the next single input along) and each touches at most six arrays: C2 no longer
     * vectorises a loop over seven (measured on JDK 17), and a pass more costs a load and a store per row.
     */
    private static void layer(float[][] in, float[] w, float[] b, int k, float[][] out, int n, boolean relu) {
        int inCount = in.length;
        int outCount = out.length;
        int wBase = k * inCount * outCount;
        int groups = inCount / 4;
        boolean leftOver = inCount % 4 > 0;
        for (int o = 0; o < outCount; o++) {
            float[] a = out[o];
            float bias = b[k * outCount + o];
            int at = wBase + o;
            if (groups == 0) {
                for (int r = 0; r < n; r++) {
                    a[r] = bias;
                }
            }
            int i = 0;
            for (int g = 0; g < groups; g++, i += 4, at += 4 * outCount) {
                float w0 = w[at];
                float w1 = w[at + outCount];
                float w2 = w[at + 2 * outCount];
                float w3 = w[at + 3 * outCount];
                float[] x0 = in[i];
                float[] x1 = in[i + 1];
                float[] x2 = in[i + 2];
                float[] x3 = in[i + 3];
                if (g == groups - 1 && leftOver) {
                    float w4 = w[at + 4 * outCount];
                    float[] x4 = in[i + 4];
                    if (g == 0) {
                        for (int r = 0; r < n; r++) {
                            a[r] = (bias + (x0[r] * w0 + x1[r] * w1 + x2[r] * w2 + x3[r] * w3)) + x4[r] * w4;
                        }
                    } else {
                        for (int r = 0; r < n; r++) {
                            a[r] = (a[r] + (x0[r] * w0 + x1[r] * w1 + x2[r] * w2 + x3[r] * w3)) + x4[r] * w4;
                        }
                    }
                    i++;
                    at += outCount;
                } else if (g == 0) {
                    for (int r = 0; r < n; r++) {
                        a[r] = bias + (x0[r] * w0 + x1[r] * w1 + x2[r] * w2 + x3[r] * w3);
                    }
                } else {
                    for (int r = 0; r < n; r++) {
                        a[r] += x0[r] * w0 + x1[r] * w1 + x2[r] * w2 + x3[r] * w3;
                    }
                }
            }
            for (; i + 2 <= inCount; i += 2, at += 2 * outCount) {
                float w0 = w[at];
                float w1 = w[at + outCount];
                float[] x0 = in[i];
                float[] x1 = in[i + 1];
                for (int r = 0; r < n; r++) {
                    a[r] = (a[r] + x0[r] * w0) + x1[r] * w1;
                }
            }
            if (i < inCount) {
                float w0 = w[at];
                float[] x0 = in[i];
                for (int r = 0; r < n; r++) {
                    a[r] += x0[r] * w0;
                }
            }
            if (relu) {
                for (int r = 0; r < n; r++) {
                    a[r] = Math.max(a[r], 0f);
                }
            }
        }
    }
}
