package io.reescreen.model.split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation's assignment of rows to folds: a seeded shuffle dealt round-robin, so fold sizes differ by
 * at most one and the same seed gives the same folds. Used where a model's error on rows it did not learn from is
 * measured (a base model's residual, a transfer's).
 */
public final class Folds {

    private Folds() {
    }

    /** The fold (0..folds-1) of each of {@code rows} rows. */
    public static int[] assign(int rows, int folds, long seed) {
        if (folds < 1 || folds > rows) {
            throw new IllegalArgumentException(folds + " folds for " + rows + " rows");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            order.add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        int[] foldOf = new int[rows];
        for (int position = 0; position < rows; position++) {
            foldOf[order.get(position)] = position % folds;
        }
        return foldOf;
    }

    /** The rows of fold {@code fold} ({@code inFold}) or of every other fold. */
    public static int[] rows(int[] foldOf, int fold, boolean inFold) {
        return java.util.stream.IntStream.range(0, foldOf.length).filter(i -> (foldOf[i] == fold) == inFold).toArray();
    }
}
