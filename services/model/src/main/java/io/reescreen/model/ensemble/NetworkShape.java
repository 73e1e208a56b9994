package io.reescreen.model.ensemble;

/**
 * The multi-task network of the paper, Linear(n,20)-BatchNorm-ReLU-Linear(20,6)-BatchNorm-ReLU-Linear(6,17),
 * held {@code members} times side by side.
 */
public record NetworkShape(int members, int inputs, int hidden1, int hidden2, int outputs) {

    public static final int PAPER_HIDDEN1 = 20;
    public static final int PAPER_HIDDEN2 = 6;
    /** Total REE plus the 16 elements. */
    public static final int PAPER_OUTPUTS = 17;

    public NetworkShape {
        if (members < 1 || inputs < 1 || hidden1 < 1 || hidden2 < 1 || outputs < 1) {
            throw new IllegalArgumentException("every dimension must be >= 1: " + members + "x(" + inputs + ","
                    + hidden1 + "," + hidden2 + "," + outputs + ")");
        }
    }

    public static NetworkShape paper(int members, int inputs) {
        return new NetworkShape(members, inputs, PAPER_HIDDEN1, PAPER_HIDDEN2, PAPER_OUTPUTS);
    }

    public NetworkShape withOutputs(int newOutputs) {
        return new NetworkShape(members, inputs, hidden1, hidden2, newOutputs);
    }
}
