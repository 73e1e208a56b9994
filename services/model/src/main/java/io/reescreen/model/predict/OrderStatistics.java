package io.reescreen.model.predict;

/**
 * Quantiles without sorting: per lot there are 17 targets x (members x draws) values, and a full sort of each
 * cost more than the engine call. Quickselect finds an order statistic in linear time.
 */
final class OrderStatistics {

    private OrderStatistics() {
    }

    /**
     * The q-quantile with linear interpolation between order statistics (numpy's default), as
     * {@link ScreeningModel#percentile} on sorted values gives. Reorders {@code values}.
     */
    static double quantile(double[] values, double q) {
        int n = values.length;
        double position = q * (n - 1);
        int below = (int) Math.floor(position);
        double lower = select(values, below);
        if (below + 1 >= n || position == below) {
            return lower;
        }
        double upper = Double.POSITIVE_INFINITY;
        for (int i = below + 1; i < n; i++) {
            upper = Math.min(upper, values[i]);
        }
        return lower + (position - below) * (upper - lower);
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
