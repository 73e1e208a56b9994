package io.reescreen.model.predict;

import java.util.Arrays;

/**
 * Quantiles without sorting: per lot there are 17 targets x (members x draws) values, and a full sort of each
 * cost more than the engine call. A tail quantile (the 5 % and 95 % bounds) keeps only the few most extreme
 * values in one pass; anything nearer the middle uses quickselect, linear time too.
 */
final class OrderStatistics {

    private OrderStatistics() {
    }

    /** Tails up to this fraction of the values are kept in a small sorted buffer instead of quickselect. */
    private static final int TAIL_DIVISOR = 8;

    /**
     * The q-quantile with linear interpolation between order statistics (numpy's default), as
     * {@link ScreeningModel#percentile} on sorted values gives. May reorder {@code values}.
     */
    static double quantile(double[] values, double q) {
        int n = values.length;
        double position = q * (n - 1);
        int below = (int) Math.floor(position);
        boolean interpolate = below + 1 < n && position != below;
        int fromBottom = below + (interpolate ? 2 : 1);
        int fromTop = n - below;
        if (fromBottom <= n / TAIL_DIVISOR) {
            double[] smallest = extremes(values, fromBottom, false);
            return interpolate ? lerp(smallest[below], smallest[below + 1], position - below) : smallest[below];
        }
        if (fromTop <= n / TAIL_DIVISOR) {
            // largest[i] is the (n-1-i)-th order statistic
            double[] largest = extremes(values, fromTop, true);
            double lower = largest[n - 1 - below];
            return interpolate ? lerp(lower, largest[n - 2 - below], position - below) : lower;
        }
        double lower = select(values, below);
        if (!interpolate) {
            return lower;
        }
        double upper = Double.POSITIVE_INFINITY;
        for (int i = below + 1; i < n; i++) {
            upper = Math.min(upper, values[i]);
        }
        return lerp(lower, upper, position - below);
    }

    /** Buckets of the histogram pass in {@link #bounds}: about 7 values each at a lot's 1,920 draws. */
    private static final int BUCKETS = 256;

    /**
     * The {@code low} and {@code high} quantiles together (an interval's bounds), exactly as {@link #quantile} gives
     * each. One pass finds the range, one counts the values into buckets of equal width, and only the few values in
     * the buckets that hold the wanted ranks are sorted. Bucketing is monotone (rounding is), so the order statistics
     * are exact. Selection by comparisons (tail buffers, quickselect) is slower here for its unpredictable branches.
     * Does not reorder {@code values}.
     */
    static double[] bounds(double[] values, double low, double high) {
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("need 0 <= low <= high <= 1, got " + low + " and " + high);
        }
        int n = values.length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!Double.isFinite(max - min)) {
            // NaN, infinities or no values: the comparison path says what they give
            double[] copy = values.clone();
            return new double[] {quantile(copy, low), quantile(copy, high)};
        }
        if (max == min) {
            return new double[] {min, min};
        }
        double scale = BUCKETS / (max - min);
        int[] counts = new int[BUCKETS + 1];
        for (double v : values) {
            counts[bucket(v, min, scale)]++;
        }
        return new double[] {interpolated(values, counts, min, scale, low * (n - 1)),
                interpolated(values, counts, min, scale, high * (n - 1))};
    }

    private static int bucket(double v, double min, double scale) {
        return Math.min(BUCKETS - 1, (int) ((v - min) * scale));
    }

    /** The value at {@code position} between order statistics, from the bucket counts. */
    private static double interpolated(double[] values, int[] counts, double min, double scale, double position) {
        int below = (int) Math.floor(position);
        boolean interpolate = below + 1 < values.length && position != below;
        double lower = orderStatistic(values, counts, min, scale, below);
        if (!interpolate) {
            return lower;
        }
        return lerp(lower, orderStatistic(values, counts, min, scale, below + 1), position - below);
    }

    /** The k-th smallest value: its bucket's values, sorted. */
    private static double orderStatistic(double[] values, int[] counts, double min, double scale, int k) {
        int bucket = 0;
        int before = 0;
        while (before + counts[bucket] <= k) {
            before += counts[bucket++];
        }
        double[] inBucket = new double[counts[bucket]];
        int size = 0;
        for (double v : values) {
            if (bucket(v, min, scale) == bucket) {
                inBucket[size++] = v;
            }
        }
        Arrays.sort(inBucket);
        return inBucket[k - before];
    }

    private static double lerp(double lower, double upper, double fraction) {
        return lower + fraction * (upper - lower);
    }

    /**
     * The {@code m} smallest values in ascending order, or with {@code largest} the m largest in descending order,
     * in one pass: a value enters the buffer only when it beats the buffer's worst, which for a tail of a random
     * order happens about m ln(n/m) times.
     */
    private static double[] extremes(double[] values, int m, boolean largest) {
        double[] best = new double[m];
        int size = 0;
        for (double v : values) {
            if (size == m && !(largest ? v > best[m - 1] : v < best[m - 1])) {
                continue;
            }
            int at = size == m ? m - 1 : size++;
            while (at > 0 && (largest ? v > best[at - 1] : v < best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = v;
        }
        return best;
    }

    /** Puts the k-th smallest value at index k, smaller ones before it and larger ones after; returns it. */
    static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            // Median of three as the pivot keeps already-ordered input linear.
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
