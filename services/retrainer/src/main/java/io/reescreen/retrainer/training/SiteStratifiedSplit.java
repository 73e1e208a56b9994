package io.reescreen.retrainer.training;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.split.SplitIndices;
import io.reescreen.model.split.SplitSpec;
import io.reescreen.model.split.StratifiedSplitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A held-out split with the site as the unit of stratification: each site's examples are split on their own, in the
 * same proportion (and, within the site, in strata of total REE, as the paper's splitter does), so every site with at
 * least two examples is on both sides and the held-out rows judge the model at every site. A site with a single
 * example only trains. With one site (or none: examples without a site form one group) it is exactly the stratified
 * split of all the examples.
 *
 * @param train the rows to train on
 * @param test  the held-out rows
 */
public record SiteStratifiedSplit(Dataset train, Dataset test) {

    public SiteStratifiedSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /**
     * @param siteOfRow    each row's site, in row order (any one value, e.g. empty, for rows without a site)
     * @param testFraction share of each site's rows held out
     */
    public static SiteStratifiedSplit of(Dataset examples, List<String> siteOfRow, double testFraction, long seed) {
        if (siteOfRow.size() != examples.size()) {
            throw new IllegalArgumentException(examples.size() + " rows but " + siteOfRow.size() + " sites");
        }
        Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();
        for (int i = 0; i < siteOfRow.size(); i++) {
            rowsOf.computeIfAbsent(siteOfRow.get(i), s -> new ArrayList<>()).add(i);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        double[] totals = examples.totalReePpmMol();
        for (List<Integer> rows : rowsOf.values()) {
            if (rows.size() < 2) {
                train.addAll(rows);
                continue;
            }
            double[] siteTotals = rows.stream().mapToDouble(i -> totals[i]).toArray();
            // Strata of at least about five rows each, at most the paper's five.
            SplitSpec spec = new SplitSpec(Math.max(1, Math.min(5, rows.size() / 5)), testFraction, 0);
            SplitIndices within = new StratifiedSplitter(spec).split(siteTotals, seed);
            Arrays.stream(within.train()).forEach(k -> train.add(rows.get(k)));
            Arrays.stream(within.test()).forEach(k -> test.add(rows.get(k)));
        }
        return new SiteStratifiedSplit(examples.subset(examples.name() + " [train]", sorted(train)),
                examples.subset(examples.name() + " [test]", sorted(test)));
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
