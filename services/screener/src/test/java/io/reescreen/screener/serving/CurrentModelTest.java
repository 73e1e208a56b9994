package io.reescreen.screener.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.screener.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The swap never closes a model under a running prediction, and readers never block. */
class CurrentModelTest {

    private static ServedModel load(String version, ModelArtifact artifact) {
        return ServedModel.load(new ModelInfo("m", version, null, ReleaseAction.PUBLISH, "00", artifact.features(),
                artifact.weights().shape().members(), 0), artifact);
    }

    @Test
    void theBootstrapVersionSaysSo() {
        try (CurrentModel models = CurrentModel.bootstrap("m", TestModels.trained(), "synthetic")) {
            assertTrue(models.info().version().matches("bootstrap-synthetic-[0-9a-f]{12}"), models.info().version());
            assertTrue(models.info().isBootstrap());
            assertEquals(TestModels.FEATURES, models.info().features());
        }
        assertThrows(IllegalArgumentException.class, () -> CurrentModel.bootstrapVersion("has space", "0123456789abcdef"));
    }

    private static ServedModel loadSite(String site, String version, ModelArtifact artifact) {
        return ServedModel.load(new ModelInfo("m", version, "base", ReleaseAction.PUBLISH, "00", artifact.features(),
                artifact.weights().shape().members(), 0, site), artifact);
    }

    @Test
    void aSiteWithItsOwnModelGetsItAndAnUnknownSiteOrNoSiteGetsTheBase() {
        try (CurrentModel models = CurrentModel.bootstrap("m", TestModels.trained(), "synthetic")) {
            models.swapSite("YARD-A", loadSite("YARD-A", "a1", TestModels.shifted(5)));
            try (ModelLease a = models.acquire("YARD-A"); ModelLease b = models.acquire("YARD-B");
                 ModelLease none = models.acquire(null)) {
                assertEquals("a1", a.info().version());
                assertEquals("YARD-A", a.info().siteId());
                assertTrue(b.info().isBootstrap());
                assertEquals(null, b.info().siteId());
                assertTrue(none.info().isBootstrap());
            }
            assertEquals("YARD-A", models.routeOf("YARD-A"));
            assertEquals(null, models.routeOf("YARD-B"));
            assertEquals(null, models.routeOf(null));
        }
    }

    @Test
    void swappingOrWithdrawingASiteModelClosesItOnlyWhenItsLastLeaseClosesAndTouchesNoOtherModel() {
        try (CurrentModel models = CurrentModel.bootstrap("m", TestModels.trained(), "synthetic")) {
            ServedModel a1 = loadSite("YARD-A", "a1", TestModels.trained());
            ServedModel b1 = loadSite("YARD-B", "b1", TestModels.shifted(3));
            models.swapSite("YARD-A", a1);
            models.swapSite("YARD-B", b1);
            ModelLease lease = models.acquire("YARD-A");
            assertEquals("a1", models.swapSite("YARD-A", loadSite("YARD-A", "a2", TestModels.shifted(5)))
                    .orElseThrow().version());
            assertFalse(a1.isClosed(), "a prediction still holds a1");
            lease.close();
            assertTrue(a1.isClosed(), "the last lease closed it");

            ModelLease a2 = models.acquire("YARD-A");
            assertEquals("a2", models.withdrawSite("YARD-A").orElseThrow().version());
            assertEquals("a2", a2.info().version(), "the withdrawn model finishes the prediction that holds it");
            a2.close();
            try (ModelLease now = models.acquire("YARD-A")) {
                assertTrue(now.info().isBootstrap(), "YARD-A is scored with the base again");
            }
            assertEquals(List.of("YARD-B"), List.copyOf(models.siteModels().keySet()));
            assertFalse(b1.isClosed());
            assertTrue(models.info().isBootstrap(), "the base never changed");
        }
    }

    @Test
    void closingTheModelsReleasesEverySiteModel() {
        ServedModel a1 = loadSite("YARD-A", "a1", TestModels.trained());
        CurrentModel models = CurrentModel.bootstrap("m", TestModels.trained(), "synthetic");
        models.swapSite("YARD-A", a1);
        models.close();
        assertTrue(a1.isClosed());
    }

    @Test
    void aSwappedOutModelClosesOnlyWhenItsLastLeaseCloses() {
        try (CurrentModel models = CurrentModel.bootstrap("m", TestModels.trained(), "synthetic")) {
            ServedModel v1 = load("v1", TestModels.trained());
            models.swap(v1);
            ModelLease lease = models.acquire();
            assertEquals("v1", lease.info().version());

            ServedModel v2 = load("v2", TestModels.shifted(5));
            assertEquals("v1", models.swap(v2).version());
            assertFalse(v1.isClosed(), "a prediction still holds v1");
            double[] median = lease.model().domain().median();
            lease.model().predict(median, null, PredictionSettings.defaults().withNoiseSamples(2));
            lease.close();
            assertTrue(v1.isClosed(), "the last lease closed it");
            lease.close();
            assertThrows(IllegalStateException.class, lease::model);

            try (ModelLease now = models.acquire()) {
                assertEquals("v2", now.info().version());
            }
            assertFalse(v2.isClosed());
            models.close();
            assertTrue(v2.isClosed());
            assertThrows(IllegalStateException.class, models::acquire);
        }
    }

    @Test
    void predictionsRacingSwapsNeverSeeAClosedModel() throws Exception {
        ModelArtifact a = TestModels.trained();
        ModelArtifact b = TestModels.shifted(7);
        try (CurrentModel models = CurrentModel.bootstrap("m", a, "synthetic")) {
            double[] median = a.domain().median();
            PredictionSettings quick = PredictionSettings.defaults().withNoiseSamples(1);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> readers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    readers.add(pool.submit(() -> {
                        int n = 0;
                        while (!stop.get()) {
                            try (ModelLease lease = models.acquire()) {
                                lease.model().predict(median, null, quick);
                                n++;
                            }
                        }
                        return n;
                    }));
                }
                List<ServedModel> swapped = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ServedModel next = load("v" + i, i % 2 == 0 ? a : b);
                    swapped.add(next);
                    models.swap(next);
                    Thread.sleep(5);
                }
                stop.set(true);
                int predictions = 0;
                for (Future<Integer> f : readers) {
                    predictions += f.get(30, TimeUnit.SECONDS);
                }
                assertTrue(predictions > 0);
                for (int i = 0; i < swapped.size() - 1; i++) {
                    assertTrue(swapped.get(i).isClosed(), "every replaced model was freed: " + swapped.get(i));
                }
                assertFalse(swapped.get(swapped.size() - 1).isClosed());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void revertingToTheBootstrapLoadsItAfresh() {
        try (CurrentModel models = CurrentModel.bootstrap("m", TestModels.trained(), "synthetic")) {
            String bootstrap = models.info().version();
            models.swap(load("v1", TestModels.trained()));
            assertEquals("v1", models.revertToBootstrap().version());
            assertEquals(bootstrap, models.info().version());
            try (ModelLease lease = models.acquire()) {
                lease.model().predict(lease.model().domain().median(), null, PredictionSettings.defaults().withNoiseSamples(1));
            }
        }
    }
}
