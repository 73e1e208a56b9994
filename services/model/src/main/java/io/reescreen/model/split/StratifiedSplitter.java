package io.reescreen.model.split;

import io.reescreen.model.data.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The paper's stratified split: samples are ranked by total REE and cut into equal-count strata (quantile strata,
 * like pandas {@code qcut}); the test set takes {@code ceil(testFraction·n)} samples and the validation set
 * {@code ceil(validationFraction·n_train)} of the rest, each allocated to strata in proportion to stratum size
 * (largest remainder). Within a stratum the choice is a seeded Fisher–Yates shuffle, so a seed always gives the same
 * split on any JVM.
 *
 * <p>Where the counts allow, every stratum gets at least one test and one validation sample, so the extremes of
 * the REE range are always evaluated. The authors' released script splits without stratification and has no
 * validation set; this class follows the paper's text.
 */
public final class StratifiedSplitter {

    private final SplitSpec spec;

    public StratifiedSplitter(SplitSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public SplitSpec spec() {
        return spec;
    }

    public DatasetSplit split(Dataset dataset, long seed) {
        SplitIndices indices = split(dataset.totalReePpmMol(), seed);
        return new DatasetSplit(dataset.subset(dataset.name() + " [train]", indices.train()),
                dataset.subset(dataset.name() + " [validation]", indices.validation()),
                dataset.subset(dataset.name() + " [test]", indices.test()), indices);
    }

    /**
     * @param totalReePpmMol the stratification variable, one per sample
     * @throws IllegalArgumentException with fewer samples than strata, or a non-finite total
     */
    public SplitIndices split(double[] totalReePpmMol, long seed) {
        int n = totalReePpmMol.length;
        if (n < spec.strata()) {
            throw new IllegalArgumentException("cannot cut " + n + " samples into " + spec.strata() + " strata");
        }
        for (double v : totalReePpmMol) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("total REE must be finite, got " + v);
            }
        }
        int[] stratumOf = quantileStrata(totalReePpmMol, spec.strata());
        List<List<Integer>> members = new ArrayList<>();
        for (int s = 0; s < spec.strata(); s++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(stratumOf[i]).add(i);
        }
        Random random = new Random(seed);
        for (List<Integer> m : members) {
            shuffle(m, random);
        }

        int[] sizes = members.stream().mapToInt(List::size).toArray();
        int nTest = (int) Math.ceil(spec.testFraction() * n - 1e-9);
        int[] testPerStratum = apportion(sizes, nTest, 3);
        int[] remaining = new int[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            remaining[s] = sizes[s] - testPerStratum[s];
        }
        int nValidation = (int) Math.ceil(spec.validationFraction() * (n - nTest) - 1e-9);
        int[] validationPerStratum = apportion(remaining, nValidation, 2);

        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            List<Integer> m = members.get(s);
            test.addAll(m.subList(0, testPerStratum[s]));
            validation.addAll(m.subList(testPerStratum[s], testPerStratum[s] + validationPerStratum[s]));
            train.addAll(m.subList(testPerStratum[s] + validationPerStratum[s], m.size()));
        }
        return new SplitIndices(toArray(train), toArray(validation), toArray(test), stratumOf);
    }

    /** Rank-based equal-count strata; ties broken by sample order so the result is deterministic. */
    static int[] quantileStrata(double[] values, int strata) {
        int n = values.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> values[i]).thenComparingInt(i -> i));
        int[] stratumOf = new int[n];
        for (int rank = 0; rank < n; rank++) {
            stratumOf[order[rank]] = (int) ((long) rank * strata / n);
        }
        return stratumOf;
    }

    /**
     * Splits {@code total} over groups in proportion to {@code sizes} (largest remainder, ties to the lower group),
     * then, if {@code total} allows, moves units so every group of at least {@code minSizeForOne} members gets one.
     */
    static int[] apportion(int[] sizes, int total, int minSizeForOne) {
        int population = Arrays.stream(sizes).sum();
        int[] allocation = new int[sizes.length];
        if (total <= 0 || population == 0) {
            return allocation;
        }
        total = Math.min(total, population);
        double[] quota = new double[sizes.length];
        int assigned = 0;
        for (int s = 0; s < sizes.length; s++) {
            quota[s] = (double) sizes[s] * total / population;
            allocation[s] = (int) Math.floor(quota[s]);
            assigned += allocation[s];
        }
        Integer[] byRemainder = IntStream.range(0, sizes.length).boxed().toArray(Integer[]::new);
        Arrays.sort(byRemainder, Comparator.<Integer>comparingDouble(s -> -(quota[s] - Math.floor(quota[s])))
                .thenComparingInt(s -> s));
        for (int k = 0; assigned < total; k = (k + 1) % sizes.length) {
            int s = byRemainder[k];
            if (allocation[s] < sizes[s]) {
                allocation[s]++;
                assigned++;
            }
        }
        long eligible = Arrays.stream(sizes).filter(size -> size >= minSizeForOne).count();
        if (total >= eligible) {
            for (int s = 0; s < sizes.length; s++) {
                if (sizes[s] >= minSizeForOne && allocation[s] == 0) {
                    int donor = richestDonor(allocation, sizes, minSizeForOne, quota);
                    if (donor < 0) {
                        break;
                    }
                    allocation[donor]--;
                    allocation[s]++;
                }
            }
        }
        return allocation;
    }

    /** The group that can best spare one unit: most over its quota, keeping its own guaranteed one. */
    private static int richestDonor(int[] allocation, int[] sizes, int minSizeForOne, double[] quota) {
        int best = -1;
        for (int s = 0; s < allocation.length; s++) {
            int keep = sizes[s] >= minSizeForOne ? 1 : 0;
            if (allocation[s] > keep && (best < 0 || allocation[s] - quota[s] > allocation[best] - quota[best])) {
                best = s;
            }
        }
        return best;
    }

    private static void shuffle(List<Integer> list, Random random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
