package io.reescreen.model.ensemble;

/**
 * The tensors of a stacked ensemble, each with the members as its leading dimension. BatchNorm running
 * statistics are state, not trainable parameters: they move only when BatchNorm runs in training mode.
 */
public enum Parameter {
    W1(true), B1(true), GAMMA1(true), BETA1(true), RUNNING_MEAN1(false), RUNNING_VAR1(false),
    W2(true), B2(true), GAMMA2(true), BETA2(true), RUNNING_MEAN2(false), RUNNING_VAR2(false),
    W3(true), B3(true);

    private final boolean trainable;

    Parameter(boolean trainable) {
        this.trainable = trainable;
    }

    public boolean trainable() {
        return trainable;
    }

    /** The output layer: all that transfer learning retrains. */
    public boolean inOutputLayer() {
        return this == W3 || this == B3;
    }

    public long[] shape(NetworkShape s) {
        long k = s.members();
        return switch (this) {
            case W1 -> new long[] {k, s.inputs(), s.hidden1()};
            case B1, GAMMA1, BETA1, RUNNING_MEAN1, RUNNING_VAR1 -> new long[] {k, 1, s.hidden1()};
            case W2 -> new long[] {k, s.hidden1(), s.hidden2()};
            case B2, GAMMA2, BETA2, RUNNING_MEAN2, RUNNING_VAR2 -> new long[] {k, 1, s.hidden2()};
            case W3 -> new long[] {k, s.hidden2(), s.outputs()};
            case B3 -> new long[] {k, 1, s.outputs()};
        };
    }

    public int size(NetworkShape s) {
        long n = 1;
        for (long d : shape(s)) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
