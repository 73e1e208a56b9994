package io.reescreen.model.split;

import java.util.Arrays;

/**
 * A three-way split as sorted indices into the original sample order, plus each sample's stratum.
 */
public final class SplitIndices {

    private final int[] train;
    private final int[] validation;
    private final int[] test;
    private final int[] stratumOf;

    SplitIndices(int[] train, int[] validation, int[] test, int[] stratumOf) {
        this.train = sorted(train);
        this.validation = sorted(validation);
        this.test = sorted(test);
        this.stratumOf = stratumOf.clone();
    }

    public int[] train() {
        return train.clone();
    }

    public int[] validation() {
        return validation.clone();
    }

    public int[] test() {
        return test.clone();
    }

    /** Stratum (0 = lowest total REE) of sample {@code index}. */
    public int stratumOf(int index) {
        return stratumOf[index];
    }

    /** Strata of all samples, in sample order (a copy). */
    public int[] strata() {
        return stratumOf.clone();
    }

    private static int[] sorted(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
