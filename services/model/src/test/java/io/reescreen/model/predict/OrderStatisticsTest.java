package io.reescreen.model.predict;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OrderStatisticsTest {

    @Test
    void quantilesEqualThoseOfTheSortedValues() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 3, 7, 64, 1920, 1921}) {
            for (int trial = 0; trial < 20; trial++) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    // Ties on purpose: a quarter of the draws repeat a small set of values.
                    values[i] = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextGaussian() * 50 + 150;
                }
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                double[] descending = new double[n];
                for (int i = 0; i < n; i++) {
                    descending[i] = sorted[n - 1 - i];
                }
                // Random, ascending and descending order: the tail buffer's best and worst cases.
                for (double[] input : new double[][] {values, sorted, descending}) {
                    for (double q : new double[] {0, 0.01, 0.05, 0.1, 0.3, 0.5, 0.9, 0.95, 0.99, 1}) {
                        assertEquals(ScreeningModel.percentile(sorted, q), OrderStatistics.quantile(input.clone(), q),
                                1e-12, "n=" + n + " q=" + q);
                    }
                }
            }
        }
    }

    @Test
    void boundsEqualTheQuantilesOfTheSortedValuesToTheBit() {
        SplittableRandom random = new SplittableRandom(11);
        for (int n : new int[] {1, 2, 3, 7, 64, 255, 256, 257, 1920, 1921}) {
            for (int trial = 0; trial < 20; trial++) {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    // Ties, a heavy tail and a far outlier: most values in few buckets, some buckets crowded.
                    values[i] = switch (random.nextInt(8)) {
                        case 0 -> random.nextInt(3);
                        case 1 -> 1e6 * random.nextDouble();
                        default -> 300 * Math.exp(0.3 * random.nextGaussian());
                    };
                }
                double[] sorted = values.clone();
                Arrays.sort(sorted);
                double[] descending = new double[n];
                for (int i = 0; i < n; i++) {
                    descending[i] = sorted[n - 1 - i];
                }
                for (double[] input : new double[][] {values, sorted, descending}) {
                    double[] before = input.clone();
                    for (double[] q : new double[][] {{0.05, 0.95}, {0, 1}, {0.5, 0.5}, {0.01, 0.3}, {0.9, 0.99}}) {
                        double[] bounds = OrderStatistics.bounds(input, q[0], q[1]);
                        assertEquals(ScreeningModel.percentile(sorted, q[0]), bounds[0], 0.0, "n=" + n + " q=" + q[0]);
                        assertEquals(ScreeningModel.percentile(sorted, q[1]), bounds[1], 0.0, "n=" + n + " q=" + q[1]);
                    }
                    assertArrayEquals(before, input, "the values are left in their order");
                }
            }
        }
    }

    @Test
    void aReusedScratchGivesEveryCallTheBoundsOfTheSortedValues() {
        SplittableRandom random = new SplittableRandom(13);
        OrderStatistics.Scratch scratch = new OrderStatistics.Scratch();
        double[] out = new double[2];
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(2500);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // Crowded buckets at times (a far outlier), so the scratch must grow and forget its last call's buckets.
                values[i] = random.nextInt(50) == 0 ? 1e9 * random.nextDouble() : 100 + random.nextGaussian();
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double low = random.nextDouble() * 0.5;
            double high = low + random.nextDouble() * (1 - low);
            scratch.bounds(values, n, low, high, out);
            assertEquals(ScreeningModel.percentile(sorted, low), out[0], 0.0, "trial " + trial + " low " + low);
            assertEquals(ScreeningModel.percentile(sorted, high), out[1], 0.0, "trial " + trial + " high " + high);
        }
    }

    @Test
    void boundsAreExactForNegativeValuesAndForValuesAFewUlpsApart() {
        SplittableRandom random = new SplittableRandom(17);
        OrderStatistics.Scratch scratch = new OrderStatistics.Scratch();
        double[] out = new double[2];
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(2000);
            double[] values = new double[n];
            double ulp = Math.ulp(1e6);
            for (int i = 0; i < n; i++) {
                values[i] = switch (trial % 3) {
                    case 0 -> -50 + 20 * random.nextGaussian(); // below and across zero
                    case 1 -> 1e6 + ulp * random.nextInt(400); // a range of a few hundred ulps: no margin for the shortcut
                    default -> 1e6 + 1e-3 * random.nextGaussian(); // a range of ~10^7 ulps, at the shortcut's edge
                };
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            scratch.bounds(values, n, 0.05, 0.95, out);
            assertEquals(ScreeningModel.percentile(sorted, 0.05), out[0], 0.0, "trial " + trial);
            assertEquals(ScreeningModel.percentile(sorted, 0.95), out[1], 0.0, "trial " + trial);
        }
    }

    @Test
    void boundsOfEqualValuesAreThatValue() {
        assertArrayEquals(new double[] {7, 7}, OrderStatistics.bounds(new double[] {7, 7, 7, 7}, 0.05, 0.95));
    }

    @Test
    void selectPartitionsAroundTheKthValue() {
        double[] values = {5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < values.length; k++) {
            double[] a = values.clone();
            assertEquals(sorted[k], OrderStatistics.select(a, k));
            for (int i = 0; i < k; i++) {
                assertEquals(true, a[i] <= a[k]);
            }
            for (int i = k + 1; i < a.length; i++) {
                assertEquals(true, a[i] >= a[k]);
            }
        }
    }
}
