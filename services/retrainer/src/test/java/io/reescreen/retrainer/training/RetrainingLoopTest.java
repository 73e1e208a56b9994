package io.reescreen.retrainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.retrainer.testing.LabFixtures;
import io.reescreen.retrainer.testing.SmallChampion;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.TrainingExample;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetrainingLoopTest {

    private static final RetrainingSettings FAST = SmallChampion.FAST_RETRAINING;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-05T00:00:00Z"), ZoneOffset.UTC);

    private static ModelArtifact bootstrap;

    @BeforeAll
    static void trainTheBootstrapChampion() {
        bootstrap = SmallChampion.train();
    }

    /** A champion that the published release replaces, as the screener's hot swap would. */
    private static final class SwappingChampion implements RetrainingLoop.ChampionSource, RetrainingLoop.ReleasePublisher {
        String version = "bootstrap-synthetic-1";
        ModelArtifact artifact = bootstrap;
        final List<ModelRelease> published = new ArrayList<>();

        @Override
        public String version() {
            return version;
        }

        @Override
        public ModelArtifact artifact() {
            return artifact;
        }

        @Override
        public void publish(ModelRelease release) {
            published.add(release);
            version = release.getVersion();
            ByteBuffer b = release.getArtifact().duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            try {
                artifact = ModelArtifactCodec.decode(bytes);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void everyTenNewExamplesFromAnOffsetSiteTheLoopPublishesABetterModelAndItBecomesTheParent() {
        SwappingChampion champion = new SwappingChampion();
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 10, champion, champion, CLOCK);
        List<TrainingExample> examples = LabFixtures.examples("s",
                new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8, CLOCK.instant());

        List<RetrainingOutcome> triggered = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            assertTrue(loop.add(examples.get(i), "training.examples", 0, i).isEmpty(), "no attempt before ten");
        }
        assertTrue(loop.add(examples.get(2), "training.examples", 0, 9).isEmpty(), "a re-sent example is not new");
        loop.add(examples.get(9), "training.examples", 0, 10).ifPresent(triggered::add);
        assertEquals(1, triggered.size(), "the tenth new example triggers");
        RetrainingOutcome first = triggered.get(0);
        assertTrue(first.published(), first.decision().reason());
        assertEquals("bootstrap-synthetic-1", first.championVersion());
        assertEquals(1, champion.published.size());
        ModelRelease release = champion.published.get(0);
        assertEquals("bootstrap-synthetic-1", release.getParentVersion());
        assertTrue(release.getLineage().stream().anyMatch(r -> r.getTopic().equals("training.examples")
                && r.getFromOffset() == 0 && r.getToOffset() == 10), release.getLineage().toString());

        RetrainingOutcome second = loop.retrainNow("POST /retrain", Optional.empty());
        assertEquals(release.getVersion(), second.championVersion(), "the published model is the next champion");
        assertEquals(10, second.examples());
        assertFalse(second.published(), "the same examples cannot beat the model trained on them by the margin: "
                + second.decision().reason());
        assertEquals(List.of(first, second), loop.history(), "rejections are recorded too");
        assertEquals(1, champion.published.size());
    }

    @Test
    void tooFewExamplesPublishNothingAndSaySo() {
        SwappingChampion champion = new SwappingChampion();
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 3, champion, champion, CLOCK);
        List<TrainingExample> examples = LabFixtures.examples("s",
                new SyntheticAshGenerator(SyntheticSpec.withSeed(3)).generate(4), 1.0, CLOCK.instant());
        for (int i = 0; i < 4; i++) {
            assertEquals(Optional.empty(), loop.add(examples.get(i), "training.examples", 0, i),
                    "no automatic attempt below the minimum of ten examples");
        }
        RetrainingOutcome forced = loop.retrainNow("POST /retrain", Optional.empty());
        assertFalse(forced.published());
        assertTrue(forced.decision().reason().contains("at least 10"), forced.decision().reason());
        assertTrue(champion.published.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new RetrainingLoop("m", FAST, 0, champion, champion, CLOCK));
    }

    @Test
    void examplesReadAgainOnStartUpJoinTheTrainingSetButTriggerNothing() {
        SwappingChampion champion = new SwappingChampion();
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 10, champion, champion, CLOCK);
        List<TrainingExample> examples = LabFixtures.examples("s",
                new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8, CLOCK.instant());
        for (int i = 0; i < 15; i++) {
            loop.addHistory(examples.get(i), "training.examples", 0, i);
        }
        assertEquals(15, loop.exampleCount());
        assertEquals(0, loop.newSinceLastAttempt());
        assertTrue(loop.canRetrain());
        assertTrue(loop.history().isEmpty(), "a restart does not retrain on what was already judged");
        for (int i = 15; i < 19; i++) {
            assertTrue(loop.add(examples.get(i), "training.examples", 0, i).isEmpty());
        }
        assertEquals(4, loop.newSinceLastAttempt());
    }

    @Test
    void anAcceptedChallengerThatCannotBePublishedIsRecordedAndTriedAgainWithTheNextExample() {
        SwappingChampion champion = new SwappingChampion();
        boolean[] brokerDown = {true};
        RetrainingLoop.ReleasePublisher flaky = release -> {
            if (brokerDown[0]) {
                throw new IllegalStateException("models.releases not acknowledged");
            }
            champion.publish(release);
        };
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 10, champion, flaky, CLOCK);
        List<TrainingExample> examples = LabFixtures.examples("s",
                new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8, CLOCK.instant());
        for (int i = 0; i < 9; i++) {
            loop.add(examples.get(i), "training.examples", 0, i);
        }
        RetrainingOutcome failed = loop.add(examples.get(9), "training.examples", 0, 9).orElseThrow();
        assertTrue(failed.decision().accepted(), failed.decision().reason());
        assertFalse(failed.published());
        assertTrue(failed.failure().orElseThrow().contains("not acknowledged"), failed.failure().toString());
        assertEquals("bootstrap-synthetic-1", champion.version(), "the champion keeps serving");

        brokerDown[0] = false;
        RetrainingOutcome retried = loop.add(examples.get(10), "training.examples", 0, 10).orElseThrow();
        assertTrue(retried.published(), "the next example tries again: " + retried.decision().reason());
        assertEquals(retried.publishedVersion().orElseThrow(), champion.version());
    }

    @Test
    void statusAnswersWhileARetrainingHoldsTheLoop() throws Exception {
        SwappingChampion champion = new SwappingChampion();
        java.util.concurrent.CountDownLatch publishing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RetrainingLoop.ReleasePublisher slow = r -> {
            publishing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            champion.publish(r);
        };
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 1000, champion, slow, CLOCK);
        List<TrainingExample> examples = LabFixtures.examples("s",
                new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8, CLOCK.instant());
        for (int i = 0; i < 12; i++) {
            loop.add(examples.get(i), "training.examples", 0, i);
        }
        Thread attempt = new Thread(() -> loop.retrainNow("POST /retrain", Optional.empty()));
        attempt.start();
        assertTrue(publishing.await(60, java.util.concurrent.TimeUnit.SECONDS), "the challenger was accepted");
        try {
            // The attempt holds the loop's lock now; the health check and GET /retrain must not wait for it.
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
                assertEquals(12, loop.exampleCount());
                assertEquals(0, loop.newSinceLastAttempt());
                assertTrue(loop.history().isEmpty());
                assertTrue(loop.canRetrain());
            });
        } finally {
            release.countDown();
        }
        attempt.join(60_000);
        assertEquals(1, loop.history().size());
    }

    @Test
    void theScheduleRetrainsOnlyWhenNewExamplesCameSinceTheLastAttempt() {
        SwappingChampion champion = new SwappingChampion();
        RetrainingLoop loop = new RetrainingLoop("ree-mtnn", FAST, 1000, champion, champion, CLOCK);
        RetrainingSchedule schedule = RetrainingSchedule.manual(loop, java.time.Duration.ofHours(24));
        List<TrainingExample> examples = LabFixtures.examples("s",
                new SyntheticAshGenerator(SyntheticSpec.withSeed(2)).generate(20), 1.8, CLOCK.instant());
        for (int i = 0; i < 12; i++) {
            loop.add(examples.get(i), "training.examples", 0, i);
        }
        RetrainingOutcome scheduled = schedule.tick().get(0);
        assertTrue(scheduled.trigger().startsWith("schedule"), scheduled.trigger());
        assertEquals(12, scheduled.examples());
        assertTrue(schedule.tick().isEmpty(), "nothing new since: no attempt");
        loop.add(examples.get(12), "training.examples", 0, 12);
        assertFalse(schedule.tick().isEmpty());
    }
}
