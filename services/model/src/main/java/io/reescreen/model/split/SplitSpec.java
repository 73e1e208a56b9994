package io.reescreen.model.split;

/**
 * How to split a labelled dataset.
 *
 * @param strata             number of equal-count strata by total REE
 * @param testFraction       share of all samples held out for test
 * @param validationFraction share of the remaining (training) samples held out for validation
 */
public record SplitSpec(int strata, double testFraction, double validationFraction) {

    public SplitSpec {
        if (strata < 1) {
            throw new IllegalArgumentException("strata must be >= 1, got " + strata);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
    }

    /** The paper's rule: 5 strata by total REE, 20 % test, 20 % of the rest for validation. */
    public static SplitSpec paper() {
        return new SplitSpec(5, 0.2, 0.2);
    }
}
