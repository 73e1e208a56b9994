package io.reescreen.retrainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.release.ReleaseKey;
import io.reescreen.retrainer.testing.InMemoryChampions;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.retrainer.testing.SmallChampion;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.TrainingExample;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One model per site: each site's own counting, gate, champion and release key, the base as every site's first. */
class SiteModelsTest {

    private static final RetrainingSettings FAST = SmallChampion.FAST_RETRAINING;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-05T00:00:00Z"), ZoneOffset.UTC);
    private static final String BASE = "bootstrap-synthetic-1";
    private static final Optional<String> YARD_A = Optional.of("YARD-A");
    private static final Optional<String> YARD_B = Optional.of("YARD-B");

    private static ModelArtifact bootstrap;
    /** YARD-A's lab reads 1.8 x the synthetic truth, YARD-B's 0.55 x: opposite directions. */
    private static List<TrainingExample> a;
    private static List<TrainingExample> b;

    @BeforeAll
    static void trainTheBase() {
        bootstrap = SmallChampion.train();
        a = atSite("YARD-A", "a", 2, 1.8);
        b = atSite("YARD-B", "b", 4, 0.55);
    }

    private static List<TrainingExample> atSite(String site, String prefix, long seed, double offset) {
        return LabFixtures.examples(prefix, new SyntheticAshGenerator(SyntheticSpec.withSeed(seed)).generate(12), offset,
                CLOCK.instant()).stream().map(e -> TrainingExample.newBuilder(e).setSiteId(site).build()).toList();
    }

    @Test
    void examplesOfOneSiteDoNotCountTowardsAnotherSitesAttemptAndEachSiteIsJudgedOnItsOwnExamplesAgainstItsOwnChampion() {
        InMemoryChampions champions = new InMemoryChampions(BASE, bootstrap);
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 10, champions, champions, CLOCK);
        int offset = 0;
        for (int i = 0; i < 9; i++) {
            assertTrue(loop.add(a.get(i), "training.examples", 0, offset++).isEmpty(), "nine of YARD-A trigger nothing");
            assertTrue(loop.add(b.get(i), "training.examples", 0, offset++).isEmpty(),
                    "nine of YARD-B trigger nothing, though eighteen examples came");
        }
        assertEquals(new RetrainingLoop.SiteCount(9, 9), loop.siteCounts().get(YARD_A));
        assertEquals(new RetrainingLoop.SiteCount(9, 9), loop.siteCounts().get(YARD_B));
        assertEquals(18, loop.newSinceLastAttempt());

        RetrainingOutcome first = loop.add(a.get(9), "training.examples", 0, offset++).orElseThrow();
        assertEquals(YARD_A, first.siteId(), "YARD-A's tenth example triggers YARD-A's attempt");
        assertEquals(10, first.examples(), "on YARD-A's examples only");
        assertTrue(first.decision().heldOutRows() <= FAST.gateRepetitions() * 10, first.decision().reason());
        assertEquals(BASE, first.championVersion(), "a site's first champion is the base model");
        assertEquals("transfer", first.decision().method());
        assertTrue(first.published(), first.decision().reason());
        ModelRelease release = champions.published.get(0);
        assertEquals("YARD-A", release.getSiteId());
        assertEquals(BASE, release.getParentVersion());
        assertEquals(ReleaseKey.site("ree-mtnn", "YARD-A"), ReleaseKey.of(release));
        assertEquals(new RetrainingLoop.SiteCount(10, 0), loop.siteCounts().get(YARD_A));
        assertEquals(new RetrainingLoop.SiteCount(9, 9), loop.siteCounts().get(YARD_B), "YARD-B's count is its own");

        RetrainingOutcome second = loop.add(b.get(9), "training.examples", 0, offset++).orElseThrow();
        assertEquals(YARD_B, second.siteId());
        assertEquals(10, second.examples());
        assertEquals(BASE, second.championVersion(), "YARD-A's model is not YARD-B's champion");

        RetrainingOutcome again = loop.retrainNow("POST /retrain", YARD_A);
        assertEquals(release.getVersion(), again.championVersion(), "YARD-A is judged against its own model now");
        assertEquals(10, again.examples());
        assertEquals(3, loop.history().size());
        assertEquals(List.of(YARD_A, YARD_B, YARD_A), loop.history().stream().map(RetrainingOutcome::siteId).toList());
    }

    @Test
    void anOperatorsRequestAttemptsEverySiteWithExamplesAndTheScheduleOnlyThoseWithNewOnes() {
        InMemoryChampions champions = new InMemoryChampions(BASE, bootstrap);
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 1000, champions, champions, CLOCK);
        for (int i = 0; i < 4; i++) {
            loop.addHistory(a.get(i), "training.examples", 0, i);
            loop.add(b.get(i), "training.examples", 0, 10 + i);
        }
        List<RetrainingOutcome> scheduled = loop.retrainAll("schedule", true);
        assertEquals(List.of(YARD_B), scheduled.stream().map(RetrainingOutcome::siteId).toList(),
                "YARD-A's examples were there before the start: nothing new there");
        assertTrue(scheduled.get(0).decision().reason().contains("at least 10"), scheduled.get(0).decision().reason());
        List<RetrainingOutcome> asked = loop.retrainAll("POST /retrain", false);
        assertEquals(List.of(YARD_A, YARD_B), asked.stream().map(RetrainingOutcome::siteId).toList());
    }

    @Test
    void withSiteModelsOffEverySitesExamplesCountTowardsTheOneBaseModelAndItsReleaseNamesNoSite() {
        InMemoryChampions champions = new InMemoryChampions(BASE, bootstrap);
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 10, champions, champions, RetrainingLoop.AttemptRecorder.NONE,
                CLOCK, false);
        int offset = 0;
        for (int i = 0; i < 5; i++) {
            assertTrue(loop.add(a.get(i), "training.examples", 0, offset++).isEmpty());
            if (i < 4) {
                assertTrue(loop.add(b.get(i), "training.examples", 0, offset++).isEmpty());
            }
        }
        assertEquals(java.util.Set.of(Optional.<String>empty()), loop.siteCounts().keySet(), "one count, the base's");
        assertEquals(new RetrainingLoop.SiteCount(9, 9), loop.siteCounts().get(Optional.<String>empty()));

        RetrainingOutcome attempt = loop.add(b.get(4), "training.examples", 0, offset).orElseThrow();
        assertEquals(Optional.empty(), attempt.siteId(), "the base model's attempt, at the tenth example of any site");
        assertEquals(10, attempt.examples(), "on both sites' examples");
        assertEquals(BASE, attempt.championVersion());
        champions.published.forEach(r -> assertEquals(null, r.getSiteId(), "a release of the base model"));
    }
}
