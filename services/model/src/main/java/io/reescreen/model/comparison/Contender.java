package io.reescreen.model.comparison;

/** The models of the paper's comparison table, each trained and tested on the same splits. */
public enum Contender {
    LINEAR("linear regression"),
    SINGLE_TASK_NN("single-task NN"),
    MULTI_TASK_NN("multi-task NN, mean-weighted"),
    MULTI_TASK_ENSEMBLE("multi-task ensemble");

    private final String label;

    Contender(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
