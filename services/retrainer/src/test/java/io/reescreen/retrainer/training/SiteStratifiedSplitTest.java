package io.reescreen.retrainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.split.SplitSpec;
import io.reescreen.model.split.StratifiedSplitter;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteStratifiedSplitTest {

    private static final Dataset ROWS = new SyntheticAshGenerator(SyntheticSpec.withSeed(7)).generate(41);

    /** 12 rows of YARD-A, 8 of YARD-B, 20 without a site, 1 of YARD-D. */
    private static List<String> sites() {
        List<String> sites = new ArrayList<>();
        sites.addAll(Collections.nCopies(12, "YARD-A"));
        sites.addAll(Collections.nCopies(8, "YARD-B"));
        sites.addAll(Collections.nCopies(20, ""));
        sites.add("YARD-D");
        return sites;
    }

    @Test
    void eachSiteIsHeldOutInTheSameProportionSoNoSiteIsOnlyInTrainOrOnlyInTest() {
        List<String> sites = sites();
        for (long seed = 0; seed < 5; seed++) {
            SiteStratifiedSplit split = SiteStratifiedSplit.of(ROWS, sites, 0.25, seed);
            Map<String, Integer> tested = countBySite(split.test(), sites);
            Map<String, Integer> trained = countBySite(split.train(), sites);
            assertEquals(Map.of("YARD-A", 3, "YARD-B", 2, "", 5), tested, "a quarter of each site, rounded up");
            assertEquals(Map.of("YARD-A", 9, "YARD-B", 6, "", 15, "YARD-D", 1), trained,
                    "the rest trains; a site with one example can only train");
            Set<String> all = new HashSet<>(ids(split.train()));
            all.addAll(ids(split.test()));
            assertEquals(ROWS.size(), all.size(), "every row on exactly one side");
        }
    }

    @Test
    void withOneSiteTheSplitIsExactlyTheStratifiedSplitOfAllExamples() {
        List<String> one = Collections.nCopies(ROWS.size(), "");
        for (long seed = 0; seed < 5; seed++) {
            SiteStratifiedSplit split = SiteStratifiedSplit.of(ROWS, one, 0.25, seed);
            var before = new StratifiedSplitter(new SplitSpec(5, 0.25, 0)).split(ROWS, seed);
            assertEquals(ids(before.test()), ids(split.test()));
            assertEquals(ids(before.train()), ids(split.train()));
        }
    }

    private static List<String> ids(Dataset d) {
        return d.samples().stream().map(LabelledSample::sampleId).toList();
    }

    private static Map<String, Integer> countBySite(Dataset d, List<String> sites) {
        Map<String, String> siteOf = new HashMap<>();
        for (int i = 0; i < ROWS.size(); i++) {
            siteOf.put(ROWS.get(i).sampleId(), sites.get(i));
        }
        Map<String, Integer> counts = new HashMap<>();
        ids(d).forEach(id -> counts.merge(siteOf.get(id), 1, Integer::sum));
        assertTrue(counts.values().stream().allMatch(c -> c > 0));
        return counts;
    }
}
