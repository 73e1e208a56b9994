package io.reescreen.model.evaluation;

/** Argument checks shared by the metrics, so every metric fails with the same clear message. */
final class Checks {

    private Checks() {
    }

    /** Both present, same length, not empty: a metric over nothing or over misaligned rows is a caller bug. */
    static void paired(double[] truth, double[] other, String otherName) {
        if (truth == null || other == null) {
            throw new IllegalArgumentException("truth and " + otherName + " must not be null");
        }
        if (truth.length != other.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " values but " + otherName + " has "
                    + other.length);
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no values to evaluate");
        }
    }

    static void notEmpty(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
    }
}
