package io.reescreen.model.ensemble;

/**
 * An ensemble for inference, with each frozen BatchNorm folded into the layer before it: BatchNorm with running
 * statistics is the affine map h -> (h - mean) s + beta with s = gamma / sqrt(var + eps), so
 * W' = W diag(s) and b' = (b - mean) s + beta give the same outputs (to float rounding) with two operations per
 * layer fewer. Weights are row-major per member, as {@link EnsembleWeights} holds them.
 */
public final class FrozenNetwork {

    private final NetworkShape shape;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final float[] w3;
    private final float[] b3;

    private FrozenNetwork(NetworkShape shape, float[] w1, float[] b1, float[] w2, float[] b2, float[] w3, float[] b3) {
        this.shape = shape;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.w3 = w3;
        this.b3 = b3;
    }

    public static FrozenNetwork fold(EnsembleWeights weights, float epsilon) {
        NetworkShape s = weights.shape();
        float[] w1 = weights.get(Parameter.W1);
        float[] b1 = weights.get(Parameter.B1);
        fold(w1, b1, s.members(), s.inputs(), s.hidden1(), weights.get(Parameter.GAMMA1), weights.get(Parameter.BETA1),
                weights.get(Parameter.RUNNING_MEAN1), weights.get(Parameter.RUNNING_VAR1), epsilon);
        float[] w2 = weights.get(Parameter.W2);
        float[] b2 = weights.get(Parameter.B2);
        fold(w2, b2, s.members(), s.hidden1(), s.hidden2(), weights.get(Parameter.GAMMA2), weights.get(Parameter.BETA2),
                weights.get(Parameter.RUNNING_MEAN2), weights.get(Parameter.RUNNING_VAR2), epsilon);
        return new FrozenNetwork(s, w1, b1, w2, b2, weights.get(Parameter.W3), weights.get(Parameter.B3));
    }

    /** In place: w [members][in][out] and b [members][out] absorb the BatchNorm that follows them (in double). */
    private static void fold(float[] w, float[] b, int members, int in, int out, float[] gamma, float[] beta,
                             float[] mean, float[] variance, float epsilon) {
        for (int k = 0; k < members; k++) {
            for (int o = 0; o < out; o++) {
                int unit = k * out + o;
                double scale = gamma[unit] / Math.sqrt((double) variance[unit] + epsilon);
                for (int i = 0; i < in; i++) {
                    int at = (k * in + i) * out + o;
                    w[at] = (float) (w[at] * scale);
                }
                b[unit] = (float) ((b[unit] - (double) mean[unit]) * scale + beta[unit]);
            }
        }
    }

    public NetworkShape shape() {
        return shape;
    }

    float[] w1() {
        return w1;
    }

    float[] b1() {
        return b1;
    }

    float[] w2() {
        return w2;
    }

    float[] b2() {
        return b2;
    }

    float[] w3() {
        return w3;
    }

    float[] b3() {
        return b3;
    }

    /** W3 per member transposed to [outputs][hidden2], for outputs laid out [member][output][row]. */
    float[] w3Transposed() {
        int members = shape.members();
        int hidden = shape.hidden2();
        int outputs = shape.outputs();
        float[] t = new float[w3.length];
        for (int k = 0; k < members; k++) {
            for (int g = 0; g < hidden; g++) {
                for (int o = 0; o < outputs; o++) {
                    t[(k * outputs + o) * hidden + g] = w3[(k * hidden + g) * outputs + o];
                }
            }
        }
        return t;
    }
}
