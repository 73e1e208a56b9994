package io.reescreen.model.transfer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One fixed split of a site's labelled lots: the rows (0-based, in the site dataset's order) a transfer
 * learns from and the rows it is tested on.
 */
public record SiteSplit(String id, int[] trainRows, int[] testRows) {

    public SiteSplit {
        Objects.requireNonNull(id, "id");
        trainRows = trainRows.clone();
        testRows = testRows.clone();
        if (trainRows.length < 2 || testRows.length < 1) {
            throw new IllegalArgumentException("split " + id + ": needs at least 2 train rows and 1 test row");
        }
        Set<Integer> seen = new HashSet<>();
        for (int row : concat(trainRows, testRows)) {
            if (row < 0 || !seen.add(row)) {
                throw new IllegalArgumentException("split " + id + ": row " + row + " is negative or listed twice");
            }
        }
    }

    /** Rows are within a site dataset of {@code size} rows. */
    public void checkFits(int size) {
        for (int row : concat(trainRows, testRows)) {
            if (row >= size) {
                throw new IllegalArgumentException("split " + id + " names row " + row + " but the site has " + size + " rows");
            }
        }
    }

    @Override
    public int[] trainRows() {
        return trainRows.clone();
    }

    @Override
    public int[] testRows() {
        return testRows.clone();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteSplit s && id.equals(s.id) && Arrays.equals(trainRows, s.trainRows)
                && Arrays.equals(testRows, s.testRows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(trainRows), Arrays.hashCode(testRows));
    }

    @Override
    public String toString() {
        return "SiteSplit{" + id + ", train=" + Arrays.toString(trainRows) + ", test=" + Arrays.toString(testRows) + '}';
    }
}
