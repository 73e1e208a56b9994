package io.reescreen.retrainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.transfer.TransferSettings;
import io.reescreen.retrainer.testing.InMemoryChampions;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.retrainer.testing.SmallChampion;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.TrainingExample;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Full retraining with sites: the base from scratch on every site's examples, then the sites' heads re-transferred. */
class FullRetrainingTest {

    private static final RetrainingSettings FULL_AT_50 = fullFrom(50);
    private static final RetrainingSettings FULL_AT_20 = fullFrom(20);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-05T00:00:00Z"), ZoneOffset.UTC);
    private static final String BOOTSTRAP = "bootstrap-synthetic-1";
    private static final Optional<String> YARD_A = Optional.of("YARD-A");
    private static final Optional<String> YARD_B = Optional.of("YARD-B");

    private static ModelArtifact bootstrap;

    /** Full retraining from {@code size} examples of all sites together; a small from-scratch recipe, two gate repetitions. */
    private static RetrainingSettings fullFrom(int size) {
        return new RetrainingSettings(size, TransferSettings.defaults().withResidualFolds(0),
                TrainingRecipe.paper().withMembers(3).withSettings(TrainingSettings.paper().withEpochs(60)), 2, 0.05, 10, 5L);
    }

    @BeforeAll
    static void trainTheBase() {
        bootstrap = SmallChampion.train();
    }

    /** {@code n} examples whose lab reads {@code offset} x the synthetic truth, at {@code site} (null: no site). */
    private static List<TrainingExample> atSite(String site, String prefix, long seed, int n, double offset) {
        return LabFixtures.examples(prefix, new SyntheticAshGenerator(SyntheticSpec.withSeed(seed)).generate(n), offset,
                CLOCK.instant()).stream().map(e -> TrainingExample.newBuilder(e).setSiteId(site).build()).toList();
    }

    /** {@code n} each of YARD-A (0.6 x), YARD-B and YARD-C (1.6 x), half as many without a site (1.6 x). */
    private static List<List<TrainingExample>> fourGroups(int n) {
        return List.of(atSite("YARD-A", "a", 2, n, 0.6), atSite("YARD-B", "b", 3, n, 1.6),
                atSite("YARD-C", "c", 4, n, 1.6), atSite(null, "n", 5, n / 2, 1.6));
    }

    private static RetrainingLoop withHistory(RetrainingSettings settings, InMemoryChampions champions, int retrainEvery,
                                              List<List<TrainingExample>> groups) {
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", settings, retrainEvery, champions, champions, CLOCK);
        int offset = 0;
        for (List<TrainingExample> group : groups) {
            for (TrainingExample e : group) {
                loop.addHistory(e, "training.examples", 0, offset++);
            }
        }
        return loop;
    }

    @Test
    void fromTheFullRetrainingSizeOnNewExamplesOfAllSitesTogetherTriggerAFullRetraining() {
        InMemoryChampions champions = new InMemoryChampions(BOOTSTRAP, bootstrap);
        List<List<TrainingExample>> groups = fourGroups(8);
        List<List<TrainingExample>> before = groups.stream().map(g -> g.subList(0, g.size() - 3)).toList();
        RetrainingLoop loop = withHistory(FULL_AT_20, champions, 10, before); // 16 examples there before the start
        List<TrainingExample> live = new ArrayList<>();
        for (int i = 3; i >= 1; i--) {
            for (List<TrainingExample> g : groups) {
                live.add(g.get(g.size() - i));
            }
        }
        for (int i = 0; i < 9; i++) {
            assertTrue(loop.add(live.get(i), "training.examples", 0, 100 + i).isEmpty(),
                    "nine new examples, none of a site's tenth, trigger nothing (the size was reached at the fourth)");
        }
        RetrainingOutcome tenth = loop.add(live.get(9), "training.examples", 0, 109).orElseThrow();
        assertEquals(Optional.empty(), tenth.siteId());
        assertEquals("full", tenth.decision().method());
        assertEquals(26, tenth.examples(), "every site's examples and those without a site");
        assertTrue(tenth.decision().reason().contains("held-out rows of 4 sites"), tenth.decision().reason());
        assertTrue(tenth.trigger().contains("of all sites"), tenth.trigger());
        assertEquals(0, loop.siteCounts().get(Optional.<String>empty()).newSinceLastAttempt(),
                "the examples without a site were part of it");
    }

    @Test
    void aFullRetrainingTrainsTheBaseOnEverySitesExamplesThenReTransfersEachSiteWithItsOwnModelAndARejectedSiteKeepsIt() {
        List<List<TrainingExample>> groups = fourGroups(16); // 56 examples, above the size
        ModelArtifact yardAOwn;
        // YARD-A's model: transferred from the bootstrap on all of YARD-A's examples, so the held-out rows of its
        // gate are rows it learned from: a re-transfer cannot beat it by the margin.
        try (Challenger a = new ChallengerTrainer(FULL_AT_50).train(bootstrap,
                ExampleDataset.of("a", groups.get(0)), true)) {
            yardAOwn = a.artifact(Map.of());
        }
        InMemoryChampions champions = new InMemoryChampions(BOOTSTRAP, bootstrap)
                .withSiteModel("YARD-A", "yard-a-own", yardAOwn)
                .withSiteModel("YARD-B", "yard-b-stale", bootstrap); // as far off as the bootstrap
        RetrainingLoop loop = withHistory(FULL_AT_50, champions, 1000, groups);

        List<RetrainingOutcome> outcomes = loop.retrainFromScratch("POST /retrain?full=true");

        RetrainingOutcome base = outcomes.get(0);
        assertEquals(Optional.empty(), base.siteId());
        assertEquals("full", base.decision().method());
        assertEquals(56, base.examples(), "every site's examples and those without a site");
        assertEquals(2 * (4 + 4 + 4 + 2), base.decision().heldOutRows(), "a quarter of each site, each repetition");
        assertTrue(base.decision().reason().contains("held-out rows of 4 sites"), base.decision().reason());
        assertEquals(BOOTSTRAP, base.championVersion(), "judged against the base champion");
        assertTrue(base.published(), base.decision().reason());
        String newBase = base.publishedVersion().orElseThrow();
        ModelRelease baseRelease = champions.published.get(0);
        assertEquals(null, baseRelease.getSiteId());
        assertEquals(BOOTSTRAP, baseRelease.getParentVersion());
        assertEquals("56", baseRelease.getTrainingSettings().get("rows_total"));
        assertEquals("{(no site)=8, YARD-A=16, YARD-B=16, YARD-C=16}",
                baseRelease.getTrainingSettings().get("examples_by_site"));
        assertTrue(baseRelease.getTrainingSettings().get("residual").contains("held-out rows"),
                "the intervals are calibrated on the gate's held-out rows: " + baseRelease.getTrainingSettings());
        assertEquals(newBase, champions.version(), "the new base is in force");
        assertEquals(List.of(Optional.empty(), YARD_A, YARD_B), outcomes.stream().map(RetrainingOutcome::siteId).toList(),
                "the base, then every site with its own model (YARD-C has none: it is served the new base)");
        assertEquals(outcomes, loop.history(), "every attempt recorded");

        RetrainingOutcome a = outcomes.get(1);
        assertEquals("transfer", a.decision().method());
        assertEquals(16, a.examples(), "YARD-A's examples only");
        assertEquals("yard-a-own", a.championVersion(), "judged against the site's model in force");
        assertTrue(a.trigger().contains("re-transfer from the new base " + newBase), a.trigger());
        assertFalse(a.published(), a.decision().reason());
        assertEquals("yard-a-own", champions.ofSite("YARD-A").version(), "a rejected site keeps its model");

        RetrainingOutcome b = outcomes.get(2);
        assertEquals("yard-b-stale", b.championVersion());
        assertTrue(b.trigger().contains(newBase), b.trigger());
        assertTrue(b.published(), b.decision().reason());
        ModelRelease release = champions.published.get(1);
        assertEquals("YARD-B", release.getSiteId());
        assertEquals("yard-b-stale", release.getParentVersion(), "the parent is the model it replaces");
        assertEquals(newBase, release.getTrainingSettings().get("transfer.base_version"), "its lineage names the new base");
        assertEquals(release.getVersion(), champions.ofSite("YARD-B").version());
        assertEquals(2, champions.published.size(), "the base and YARD-B");
    }

    @Test
    void aRejectedFullRetrainingPublishesNothingAndReTransfersNoSite() {
        // Lab values as the bootstrap learned them (1.0 x): a model from scratch on 56 rows cannot beat it.
        List<List<TrainingExample>> groups = List.of(atSite("YARD-B", "b", 3, 28, 1.0), atSite(null, "n", 5, 28, 1.0));
        InMemoryChampions champions = new InMemoryChampions(BOOTSTRAP, bootstrap)
                .withSiteModel("YARD-B", "yard-b-stale", bootstrap);
        RetrainingLoop loop = withHistory(FULL_AT_50, champions, 1000, groups);

        List<RetrainingOutcome> outcomes = loop.retrainFromScratch("schedule");

        assertEquals(1, outcomes.size(), outcomes.get(0).decision().reason());
        assertFalse(outcomes.get(0).published(), outcomes.get(0).decision().reason());
        assertTrue(champions.published.isEmpty());
        assertEquals("yard-b-stale", champions.ofSite("YARD-B").version());
    }

    @Test
    void examplesWithoutASiteAloneTrainTheBaseAsBeforeByTransferBelowTheSizeAndFromScratchFromIt() {
        List<TrainingExample> noSite = atSite(null, "n", 6, 24, 1.6);
        InMemoryChampions champions = new InMemoryChampions(BOOTSTRAP, bootstrap);
        RetrainingLoop loop = withHistory(FULL_AT_20, champions, 10, List.of(noSite.subList(0, 9)));
        for (int i = 9; i < 18; i++) {
            assertTrue(loop.add(noSite.get(i), "training.examples", 0, i).isEmpty());
        }
        RetrainingOutcome transfer = loop.add(noSite.get(18), "training.examples", 0, 18).orElseThrow();
        assertEquals("transfer", transfer.decision().method(), "19 examples, below the size");
        for (int i = 19; i < 24; i++) {
            assertTrue(loop.add(noSite.get(i), "training.examples", 0, i).isEmpty(),
                    "the size is reached, but the count of new examples started again at the base's last attempt");
        }

        List<RetrainingOutcome> all = loop.retrainAll("POST /retrain", false);
        assertEquals(1, all.size(), "no site to re-transfer");
        RetrainingOutcome full = all.get(0);
        assertEquals(Optional.empty(), full.siteId());
        assertEquals("full", full.decision().method());
        assertEquals(24, full.examples());
        assertEquals(2 * 6, full.decision().heldOutRows(), "a quarter of the examples, as before sites");
        assertFalse(full.decision().reason().contains("sites"), full.decision().reason());
    }
}
