package io.reescreen.model.split;

import io.reescreen.model.data.CsvTable;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StratifiedSplitterTest {

    private static final StratifiedSplitter PAPER = new StratifiedSplitter(SplitSpec.paper());

    private static double[] randomTotals(int n, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, n).mapToDouble(i -> 80 + 220 * random.nextDouble()).toArray();
    }

    private static void assertValid(SplitIndices s, int n, int strata) {
        Set<Integer> seen = new HashSet<>();
        for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
            for (int i : part) {
                assertTrue(seen.add(i), "index " + i + " in two parts");
            }
        }
        assertEquals(n, seen.size(), "every sample in exactly one part");
        int nTest = (int) Math.ceil(0.2 * n - 1e-9);
        assertEquals(nTest, s.test().length, "test = ceil(20 %)");
        assertEquals((int) Math.ceil(0.2 * (n - nTest) - 1e-9), s.validation().length, "validation = ceil(20 % of rest)");
        for (int k = 0; k < strata; k++) {
            final int stratum = k;
            int size = (int) IntStream.range(0, n).filter(i -> s.stratumOf(i) == stratum).count();
            long inTest = Arrays.stream(s.test()).filter(i -> s.stratumOf(i) == stratum).count();
            long inValidation = Arrays.stream(s.validation()).filter(i -> s.stratumOf(i) == stratum).count();
            long inTrain = Arrays.stream(s.train()).filter(i -> s.stratumOf(i) == stratum).count();
            assertTrue(Math.abs(size - (double) n / strata) <= 1, "equal-count strata");
            assertTrue(inTrain >= 1, "stratum " + k + " in train");
            // With at least one test (validation) sample per stratum available, every stratum gets one.
            if (s.test().length >= strata) {
                assertTrue(inTest >= 1, "stratum " + k + " in test");
            }
            if (s.validation().length >= strata) {
                assertTrue(inValidation >= 1, "stratum " + k + " in validation");
            }
            assertTrue(Math.abs(inTest - 0.2 * size) <= 1.0 + 1e-9, "stratum " + k + " test share: " + inTest
                    + " of " + size);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 22, 99, 100, 5000})
    void splitsAreDisjointProportionalAndCoverEveryStratum(int n) {
        for (long seed = 0; seed < 20; seed++) {
            assertValid(PAPER.split(randomTotals(n, seed), seed), n, 5);
        }
    }

    @Test
    void paperSizesFor99Samples() {
        SplitIndices s = PAPER.split(randomTotals(99, 1), 1);
        assertEquals(20, s.test().length);
        assertEquals(16, s.validation().length);
        assertEquals(63, s.train().length);
    }

    @Test
    void strataFollowTotalReeQuantiles() {
        double[] totals = randomTotals(100, 3);
        SplitIndices s = PAPER.split(totals, 3);
        for (int i = 0; i < totals.length; i++) {
            for (int j = 0; j < totals.length; j++) {
                if (totals[i] < totals[j]) {
                    assertTrue(s.stratumOf(i) <= s.stratumOf(j));
                }
            }
        }
        assertEquals(20, Arrays.stream(s.strata()).filter(k -> k == 4).count());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        double[] totals = randomTotals(99, 5);
        SplitIndices a = PAPER.split(totals, 42);
        SplitIndices b = PAPER.split(totals, 42);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.validation(), b.validation());
        assertArrayEquals(a.test(), b.test());
        SplitIndices c = PAPER.split(totals, 43);
        assertFalse(Arrays.equals(a.test(), c.test()));
    }

    @Test
    void splitsTheRealTotalsOfAllNinetyNineTrainingAshes() throws IOException {
        CsvTable cache = CsvTable.read(SharedData.file("raw/song2024-mtnn/epri_netl_99_fe2o3_total_from_xlsx_cache.csv"));
        int column = cache.columnIndex("total_REE_ppm_mol");
        double[] totals = cache.rows().stream().mapToDouble(r -> Double.parseDouble(r.cells().get(column))).toArray();
        assertEquals(99, totals.length);
        SplitIndices s = PAPER.split(totals, 0);
        assertValid(s, 99, 5);
        // The top stratum holds the richest ashes: all of them at or above the median of 157 ppm mol.
        for (int i = 0; i < totals.length; i++) {
            if (s.stratumOf(i) == 4) {
                assertTrue(totals[i] > 157, "total " + totals[i]);
            }
        }
    }

    @Test
    void splitsADatasetIntoNamedSubsets() {
        Dataset d = new SyntheticAshGenerator(SyntheticSpec.withSeed(11)).generate(99);
        DatasetSplit split = PAPER.split(d, 7);
        assertEquals(63, split.train().size());
        assertEquals(16, split.validation().size());
        assertEquals(20, split.test().size());
        assertEquals(d.get(split.indices().test()[0]).sampleId(), split.test().get(0).sampleId());
        assertTrue(split.test().name().endsWith("[test]"));
    }

    @Test
    void apportionIsExactAndGivesEveryLargeEnoughGroupOne() {
        assertArrayEquals(new int[] {4, 4, 4, 4, 4}, StratifiedSplitter.apportion(new int[] {20, 20, 20, 20, 19}, 20, 3));
        int[] a = StratifiedSplitter.apportion(new int[] {3, 3, 2, 2, 2}, 3, 3);
        assertEquals(3, Arrays.stream(a).sum());
        assertEquals(1, a[0]);
        assertEquals(1, a[1]);
        int[] b = StratifiedSplitter.apportion(new int[] {50, 3, 3}, 5, 3);
        assertArrayEquals(new int[] {3, 1, 1}, b);
    }

    @Test
    void refusesFewerSamplesThanStrata() {
        assertThrows(IllegalArgumentException.class, () -> PAPER.split(new double[] {1, 2, 3}, 0));
        assertThrows(IllegalArgumentException.class, () -> new SplitSpec(5, 1.2, 0.2));
    }
}
