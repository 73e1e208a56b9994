package io.reescreen.model.ensemble;

/**
 * The folded network's forward pass in plain Java, for the small batches of scoring where an engine call costs
 * more in overhead than in arithmetic. Rows are the innermost loop everywhere, over a block of rows held one array
 * per feature and indexed from 0: the shape C2 turns into SIMD instructions (with an offset into a shared array it
 * cannot rule out overlap, and the loop stays scalar, 4x slower as measured). Four inputs per pass over the block
 * load and store each sum once for four products. Each row's sums run in the same order whatever its block or
 * batch, so a row's outputs do not depend on them.
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

    /** out[o][r] = b[o] + sum_i in[i][r] w[i][o] with member k's weights [in][out], for rows 0..n-1; then ReLU. */
    private static void layer(float[][] in, float[] w, float[] b, int k, float[][] out, int n, boolean relu) {
        int inCount = in.length;
        int outCount = out.length;
        int wBase = k * inCount * outCount;
        for (int o = 0; o < outCount; o++) {
            float[] a = out[o];
            float bias = b[k * outCount + o];
            for (int r = 0; r < n; r++) {
                a[r] = bias;
            }
            int i = 0;
            for (; i + 4 <= inCount; i += 4) {
                float w0 = w[wBase + i * outCount + o];
                float w1 = w[wBase + (i + 1) * outCount + o];
                float w2 = w[wBase + (i + 2) * outCount + o];
                float w3 = w[wBase + (i + 3) * outCount + o];
                float[] x0 = in[i];
                float[] x1 = in[i + 1];
                float[] x2 = in[i + 2];
                float[] x3 = in[i + 3];
                for (int r = 0; r < n; r++) {
                    a[r] += x0[r] * w0 + x1[r] * w1 + x2[r] * w2 + x3[r] * w3;
                }
            }
            for (; i < inCount; i++) {
                float w0 = w[wBase + i * outCount + o];
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
