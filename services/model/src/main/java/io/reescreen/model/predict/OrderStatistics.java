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
     * each. Does not reorder {@code values}.
     */
    static double[] bounds(double[] values, double low, double high) {
        double[] out = new double[2];
        new Scratch().bounds(values, values.length, low, high, out);
        return out;
    }

    /**
     * The buffers of {@link #bounds}, kept between calls by one thread: a lot's 17 intervals need no allocation.
     * One pass finds the range, one counts the values into buckets of equal width, one copies the values of the
     * (at most four) buckets that hold the wanted ranks, and only those few are sorted. Bucketing is monotone
     * (rounding is), so the order statistics are exact. Selection by comparisons (tail buffers, quickselect) is
     * slower here for its unpredictable branches.
     */
    static final class Scratch {

        private final int[] counts = new int[BUCKETS];
        /** Per bucket, where its values go in {@link #picked} (-1: not wanted). */
        private final int[] slot = new int[BUCKETS];
        private double[] picked = new double[64];
        private final int[] rank = new int[4];
        private final int[] rankBucket = new int[4];
        private final int[] rankBefore = new int[4];

        Scratch() {
            Arrays.fill(slot, -1);
        }

        /** Writes the bounds of the first {@code n} values to {@code out[0]} and {@code out[1]}. */
        void bounds(double[] values, int n, double low, double high, double[] out) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            bounds(values, n, min, max, low, high, out);
        }

        /** As above, for a caller that found the values' {@code min} and {@code max} in a pass of its own. */
        void bounds(double[] values, int n, double min, double max, double low, double high, double[] out) {
            if (!(low >= 0 && low <= high && high <= 1)) {
                throw new IllegalArgumentException("need 0 <= low <= high <= 1, got " + low + " and " + high);
            }
            if (!Double.isFinite(max - min)) {
                // NaN, infinities or no values: the comparison path says what they give
                double[] copy = Arrays.copyOf(values, n);
                out[0] = quantile(copy, low);
                out[1] = quantile(copy, high);
                return;
            }
            if (max == min) {
                out[0] = min;
                out[1] = min;
                return;
            }
            double scale = BUCKETS / (max - min);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[bucket(values[i], min, scale)]++;
            }
            double lowPosition = low * (n - 1);
            double highPosition = high * (n - 1);
            int lowBelow = (int) Math.floor(lowPosition);
            int highBelow = (int) Math.floor(highPosition);
            rank[0] = lowBelow;
            rank[1] = Math.min(n - 1, lowBelow + 1);
            rank[2] = highBelow;
            rank[3] = Math.min(n - 1, highBelow + 1);
            locate();
            if (max - min > 1e-9 * Math.max(Math.abs(min), Math.abs(max))) {
                copyNearWanted(values, n, min, scale);
            } else {
                copyWanted(values, n, min, scale);
            }
            // The slots now point one past their buckets' ends: back to their starts, then sort each bucket.
            for (int r = 0; r < 4; r++) {
                int b = rankBucket[r];
                if (slot[b] >= 0 && (r == 0 || b != rankBucket[r - 1])) {
                    int end = slot[b];
                    slot[b] = end - counts[b];
                    Arrays.sort(picked, slot[b], end);
                }
            }
            out[0] = interpolated(lowPosition, lowBelow, n, 0);
            out[1] = interpolated(highPosition, highBelow, n, 2);
            for (int r = 0; r < 4; r++) {
                slot[rankBucket[r]] = -1;
            }
        }

        /**
         * Copies the values of the wanted buckets into their room in {@link #picked}. A value's bucket costs a
         * conversion and a bounds check; two comparisons first rule out the ~90 % of values far from the wanted
         * buckets, with half a bucket of margin (rounding in the bucket's arithmetic is a few ulps; the caller makes
         * sure the range is wide enough for ulps to be far smaller than a bucket).
         */
        private void copyNearWanted(double[] values, int n, double min, double scale) {
            double lowFrom = min + (rankBucket[0] - 0.5) / scale;
            double lowTo = min + (rankBucket[1] + 1.5) / scale;
            double highFrom = min + (rankBucket[2] - 0.5) / scale;
            double highTo = min + (rankBucket[3] + 1.5) / scale;
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if ((v < lowTo && v > lowFrom) || (v > highFrom && v < highTo)) {
                    int b = bucket(v, min, scale);
                    int at = slot[b];
                    if (at >= 0) {
                        picked[at] = v;
                        slot[b] = at + 1;
                    }
                }
            }
        }

        /** As {@link #copyNearWanted}, every value's bucket: for a range too narrow for the margin. */
        private void copyWanted(double[] values, int n, double min, double scale) {
            for (int i = 0; i < n; i++) {
                int b = bucket(values[i], min, scale);
                int at = slot[b];
                if (at >= 0) {
                    picked[at] = values[i];
                    slot[b] = at + 1;
                }
            }
        }

        /** Finds each wanted rank's bucket (ranks ascend) and gives the wanted buckets consecutive room in picked. */
        private void locate() {
            int bucket = 0;
            int before = 0;
            int room = 0;
            for (int r = 0; r < 4; r++) {
                while (before + counts[bucket] <= rank[r]) {
                    before += counts[bucket++];
                }
                rankBucket[r] = bucket;
                rankBefore[r] = before;
                if (slot[bucket] < 0) {
                    slot[bucket] = room;
                    room += counts[bucket];
                }
            }
            if (room > picked.length) {
                picked = new double[Math.max(room, 2 * picked.length)];
            }
        }

        /** The k-th smallest value for wanted rank r: its place in its bucket's sorted values. */
        private double orderStatistic(int r) {
            return picked[slot[rankBucket[r]] + rank[r] - rankBefore[r]];
        }

        private double interpolated(double position, int below, int n, int r) {
            boolean interpolate = below + 1 < n && position != below;
            double lower = orderStatistic(r);
            return interpolate ? lerp(lower, orderStatistic(r + 1), position - below) : lower;
        }
    }

    private static int bucket(double v, double min, double scale) {
        return Math.min(BUCKETS - 1, (int) ((v - min) * scale));
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
