package io.reescreen.screener.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.ensemble.EnsembleWeights;
import io.reescreen.model.ensemble.NetworkShape;
import io.reescreen.model.ensemble.StandardScaler;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Releases on models.releases swap the model mid-stream; bad ones are refused and the model in force serves on. */
class ModelHotSwapTest {

    private static final String NAME = ScreenerSettings.DEFAULT_MODEL_NAME;
    private static ModelArtifact v2;
    private static ModelArtifact v3;
    private ScreenerHarness screener;
    private int readings;

    @BeforeAll
    static void artifacts() {
        v2 = TestModels.shifted(10);
        v3 = TestModels.shifted(20);
    }

    @BeforeEach
    void start() {
        screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained());
    }

    @AfterEach
    void stop() {
        screener.close();
    }

    /** One more reading of lot L-1; returns the version its prediction names. */
    private String predictVersion() {
        readings++;
        screener.send(Readings.oxides("L-1", "R-" + readings, Readings.typicalWtPct()).build());
        List<ReePrediction> out = screener.predictions.readValuesToList();
        assertEquals(1, out.size());
        return out.get(0).getModelVersion();
    }

    private void assertRejected(ReleaseRejection reason, ModelRelease release, String stillServing) {
        long before = screener.metrics.count(InMemoryScreenerMetrics.releaseRejectedCounter(reason));
        screener.publish(release);
        assertEquals(before + 1, screener.metrics.count(InMemoryScreenerMetrics.releaseRejectedCounter(reason)),
                () -> reason + " not counted: " + screener.metrics);
        assertEquals(stillServing, predictVersion(), "the old model keeps serving after " + reason);
    }

    private static ModelRelease withArtifact(ModelRelease r, byte[] bytes, String sha) {
        return ModelRelease.newBuilder(r).setArtifact(ByteBuffer.wrap(bytes)).setArtifactSha256(sha).build();
    }

    @Test
    void aReleaseSwapsTheModelForLaterPredictions() {
        String bootstrap = predictVersion();
        assertTrue(bootstrap.startsWith("bootstrap-synthetic-"), bootstrap);
        assertTrue(screener.models.info().isBootstrap());

        screener.publish(TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, v2));
        assertEquals("v2", predictVersion());
        assertEquals("v2", screener.models.info().version());
        assertEquals(ReleaseAction.PUBLISH, screener.models.info().action());
        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.releaseAcceptedCounter(ReleaseAction.PUBLISH)));

        screener.publish(TestModels.release(NAME, "v3", ReleaseAction.PROMOTE, v3));
        assertEquals("v3", predictVersion());
        // A rollback re-releases the old artifact; it serves again.
        ModelRelease rollback = ModelRelease.newBuilder(TestModels.release(NAME, "v2", ReleaseAction.ROLLBACK, v2))
                .setNote("v3 over-predicts pond ash").build();
        screener.publish(rollback);
        assertEquals("v2", predictVersion());
        assertEquals(ReleaseAction.ROLLBACK, screener.models.info().action());

        // The global store holds the release in force.
        KeyValueStore<String, ModelRelease> store = screener.driver.getKeyValueStore(StoreNames.MODEL_RELEASES);
        assertEquals("v2", store.get(NAME).getVersion());

        // Re-delivery of the release in force (a restart) changes nothing and counts nothing.
        screener.publish(rollback);
        assertEquals("v2", predictVersion());
        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.releaseAcceptedCounter(ReleaseAction.ROLLBACK)));
        assertEquals(0, screener.metrics.countPrefix("releases.rejected."));
    }

    @Test
    void corruptOrIncompatibleReleasesAreRefusedAndTheOldModelServesOn() {
        screener.publish(TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, v2));
        assertEquals("v2", predictVersion());
        ModelRelease good = TestModels.release(NAME, "v3", ReleaseAction.PUBLISH, v3);
        byte[] bytes = ModelArtifactCodec.encode(v3);

        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 0x40;
        assertRejected(ReleaseRejection.CHECKSUM_MISMATCH, withArtifact(good, flipped, good.getArtifactSha256()), "v2");

        // Corrupt bytes whose release checksum matches (the corruption happened before publishing): the codec's
        // own checksum catches it.
        assertRejected(ReleaseRejection.UNDECODABLE_ARTIFACT,
                withArtifact(good, flipped, ModelArtifactCodec.sha256Hex(flipped)), "v2");
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 100);
        assertRejected(ReleaseRejection.UNDECODABLE_ARTIFACT,
                withArtifact(good, truncated, ModelArtifactCodec.sha256Hex(truncated)), "v2");

        assertRejected(ReleaseRejection.FEATURES_MISMATCH, ModelRelease.newBuilder(good)
                .setFeatures(List.of(io.reescreen.schemas.MajorOxide.Al2O3, io.reescreen.schemas.MajorOxide.CaO)).build(), "v2");
        assertRejected(ReleaseRejection.UNKNOWN_ACTION, ModelRelease.newBuilder(good).setAction(ReleaseAction.UNKNOWN).build(), "v2");
        assertRejected(ReleaseRejection.UNSUPPORTED_FORMAT, ModelRelease.newBuilder(good).setArtifactFormatVersion(99).build(), "v2");
        assertRejected(ReleaseRejection.MISSING_VERSION, ModelRelease.newBuilder(good).setVersion(" ").build(), "v2");
        // a version rides on every prediction: one longer than an id would make them too large to write
        assertRejected(ReleaseRejection.ID_TOO_LONG, ModelRelease.newBuilder(good).setVersion("v".repeat(300)).build(), "v2");
        assertRejected(ReleaseRejection.VERSION_CONFLICT, TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, v3), "v2");
        assertRejected(ReleaseRejection.VERSION_CONFLICT, TestModels.release(NAME, "bootstrap-mine", ReleaseAction.PUBLISH, v3), "v2");

        // Decodes, but the network predicts 5 outputs, not 17.
        ModelArtifact a = TestModels.trained();
        NetworkShape five = NetworkShape.paper(2, a.features().size()).withOutputs(5);
        ModelArtifact wrongOutputs = new ModelArtifact(a.features(), a.inputScaler(),
                new StandardScaler(new double[5], new double[] {1, 1, 1, 1, 1}), a.domain(), EnsembleWeights.initial(five, 1),
                Map.of(), Map.of());
        assertRejected(ReleaseRejection.INCOMPATIBLE_MODEL, TestModels.release(NAME, "v5", ReleaseAction.PUBLISH, wrongOutputs), "v2");

        // Not a ModelRelease at all, and a key that is not the release's name.
        long undecodable = screener.metrics.count(InMemoryScreenerMetrics.releaseRejectedCounter(ReleaseRejection.UNDECODABLE_RELEASE));
        screener.releases.pipeInput(NAME, "garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals(undecodable + 1, screener.metrics.count(InMemoryScreenerMetrics.releaseRejectedCounter(ReleaseRejection.UNDECODABLE_RELEASE)));
        screener.releases.pipeInput("other-key", io.reescreen.screener.testing.TestSerdes.RELEASE.toBytes(good));
        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.releaseRejectedCounter(ReleaseRejection.KEY_MISMATCH)));
        assertEquals("v2", predictVersion());

        KeyValueStore<String, ModelRelease> store = screener.driver.getKeyValueStore(StoreNames.MODEL_RELEASES);
        assertEquals("v2", store.get(NAME).getVersion(), "refused releases never reach the store");

        // And a good release after all that still goes through.
        screener.publish(good);
        assertEquals("v3", predictVersion());
    }

    @Test
    void releasesOfOtherModelsAreKeptButNotServed() {
        screener.publish(TestModels.release("challenger", "c1", ReleaseAction.PUBLISH, v2));
        assertTrue(predictVersion().startsWith("bootstrap-"));
        KeyValueStore<String, ModelRelease> store = screener.driver.getKeyValueStore(StoreNames.MODEL_RELEASES);
        assertEquals("c1", store.get("challenger").getVersion());
        assertEquals(0, screener.metrics.countPrefix("releases."));
    }

    @Test
    void aTombstoneWithdrawsTheReleaseAndTheBootstrapServesAgain() {
        String bootstrap = predictVersion();
        screener.publish(TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, v2));
        assertEquals("v2", predictVersion());
        screener.releases.pipeInput(NAME, (byte[]) null);
        assertEquals(bootstrap, predictVersion());
        assertNull(screener.driver.<String, ModelRelease>getKeyValueStore(StoreNames.MODEL_RELEASES).get(NAME));
    }

    @Test
    void theModelServedForOneLotChangesOnlyBetweenUpdates() {
        // Two lots interleaved with a swap: each prediction names the model that made it.
        screener.send(Readings.oxides("A", "1", Readings.typicalWtPct()).build());
        screener.publish(TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, v2));
        screener.send(Readings.oxides("B", "1", Readings.typicalWtPct()).build());
        screener.send(Readings.oxides("A", "2", Readings.typicalWtPct()).build());
        List<ReePrediction> out = screener.predictions.readValuesToList();
        assertTrue(out.get(0).getModelVersion().startsWith("bootstrap-"));
        assertEquals("v2", out.get(1).getModelVersion());
        assertEquals("v2", out.get(2).getModelVersion());
        // v2 is the bootstrap shifted up by 10 ppm mol: same noise draws, so exactly 10 more.
        assertEquals(out.get(0).getOutputs().get(0).getMeanPpmMol() + 10, out.get(1).getOutputs().get(0).getMeanPpmMol(), 1e-3);
    }
}
