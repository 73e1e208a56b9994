package io.reescreen.screener.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.release.ReleaseKey;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Site models through the whole topology: a lot is scored with its site's model, else the base; a site's release is
 * judged under its own key and touches no other site's model nor the base's.
 */
class SiteModelServingTest {

    private static final String NAME = ScreenerSettings.DEFAULT_MODEL_NAME;
    private static ModelArtifact base2;
    private static ModelArtifact yardA;
    private static ModelArtifact yardB;
    private ScreenerHarness screener;
    private int readings;

    @BeforeAll
    static void artifacts() {
        base2 = TestModels.shifted(10);
        yardA = TestModels.shifted(30);
        yardB = TestModels.shifted(-20);
    }

    @BeforeEach
    void start() {
        screener = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained());
        for (String[] lot : new String[][] {{"A-1", "YARD-A"}, {"B-1", "YARD-B"}, {"C-1", "YARD-C"}}) {
            screener.lots.pipeInput(lot[0], LotInfo.newBuilder().setLotId(lot[0]).setSiteId(lot[1])
                    .setAshOrigin(AshOrigin.FLY_ASH).setUpdatedAt(Instant.parse("2025-06-01T07:00:00Z")).build(),
                    ScreenerHarness.RECORD_TIME);
        }
    }

    @AfterEach
    void stop() {
        screener.close();
    }

    private static ModelRelease siteRelease(String site, String version, ModelArtifact artifact) {
        return ModelRelease.newBuilder(TestModels.release(NAME, version, ReleaseAction.PUBLISH, artifact))
                .setSiteId(site).setParentVersion("v-base").build();
    }

    /** One more reading of the lot; returns its prediction. */
    private ReePrediction predict(String lotId) {
        readings++;
        screener.send(Readings.oxides(lotId, "R-" + readings, Readings.typicalWtPct()).build());
        List<ReePrediction> out = screener.predictions.readValuesToList();
        assertEquals(1, out.size());
        return out.get(0);
    }

    private void assertScoredWith(String lotId, String version, String modelSiteId) {
        ReePrediction p = predict(lotId);
        assertEquals(version, p.getModelVersion(), lotId + "'s model");
        assertEquals(modelSiteId, p.getModelSiteId(), lotId + "'s model's site");
    }

    @Test
    void aLotOfASiteWithItsOwnModelIsScoredWithItAndEveryOtherLotWithTheBase() {
        String bootstrap = predict("A-1").getModelVersion();
        screener.publish(siteRelease("YARD-A", "a1", yardA));

        assertScoredWith("A-1", "a1", "YARD-A");
        assertScoredWith("B-1", bootstrap, null);
        // a lot with no metadata has no site: the base
        assertScoredWith("X-1", bootstrap, null);
        assertTrue(screener.models.info().isBootstrap(), "the base is untouched");

        // A new base model changes the base's lots, not YARD-A's.
        screener.publish(TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, base2));
        assertScoredWith("A-1", "a1", "YARD-A");
        assertScoredWith("C-1", "v2", null);
        assertEquals("a1", screener.models.siteInfo("YARD-A").orElseThrow().version());
    }

    @Test
    void aLotWhoseMetadataArrivesAfterItsReadingsIsScoredAgainWithItsSitesModel() {
        screener.publish(siteRelease("YARD-A", "a1", yardA));
        String bootstrap = predict("LATE-1").getModelVersion();
        assertEquals(bootstrap, predict("LATE-1").getModelVersion(), "no metadata yet: the base");

        screener.lots.pipeInput("LATE-1", LotInfo.newBuilder().setLotId("LATE-1").setSiteId("YARD-A")
                .setAshOrigin(AshOrigin.FLY_ASH).setUpdatedAt(Instant.parse("2025-06-01T07:00:00Z")).build(),
                ScreenerHarness.RECORD_TIME);

        List<ReePrediction> again = screener.predictions.readValuesToList();
        assertEquals(1, again.size(), "the lot is scored again when its site becomes known");
        assertEquals("a1", again.get(0).getModelVersion());
        assertEquals("YARD-A", again.get(0).getModelSiteId());
        assertEquals(2, again.get(0).getReadingCount(), "over the same readings");
        List<LotComposition> compositions = screener.compositions.readValuesToList();
        assertEquals(3, compositions.size(), "one per reading, and one more with the site");
        assertNull(compositions.get(1).getSiteId());
        assertEquals("YARD-A", compositions.get(2).getSiteId(), "its composition now names the site");

        // Metadata again (or a lot that had its site from the start): nothing to re-score.
        screener.lots.pipeInput("LATE-1", LotInfo.newBuilder().setLotId("LATE-1").setSiteId("YARD-A")
                .setAshOrigin(AshOrigin.FLY_ASH).setUpdatedAt(Instant.parse("2025-06-01T08:00:00Z")).build(),
                ScreenerHarness.RECORD_TIME);
        assertTrue(screener.predictions.isEmpty());
        assertScoredWith("LATE-1", "a1", "YARD-A");
    }

    @Test
    void predictionsOfOneSiteModelDifferFromTheBasesByThatModelsShift() {
        screener.publish(siteRelease("YARD-A", "a1", yardA));
        // One reading each of the same composition; yardA is the bootstrap shifted up by 30 ppm mol: same noise
        // draws, so exactly 30 more.
        double base = predict("C-1").getOutputs().get(0).getMeanPpmMol();
        assertEquals(base + 30, predict("A-1").getOutputs().get(0).getMeanPpmMol(), 1e-3);
    }

    @Test
    void aCorruptReleaseForASiteLeavesThatSitesPreviousModelAndEveryOtherSiteServing() {
        screener.publish(TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, base2));
        screener.publish(siteRelease("YARD-A", "a1", yardA));
        screener.publish(siteRelease("YARD-B", "b1", yardB));
        TestOutputTopic<byte[], byte[]> releasesDlq = screener.driver.createOutputTopic(
                Topics.MODEL_RELEASES_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());

        ModelRelease good = siteRelease("YARD-A", "a2", TestModels.shifted(40));
        byte[] flipped = ModelArtifactCodec.encode(TestModels.shifted(40));
        flipped[flipped.length / 2] ^= 0x40;
        screener.publish(ModelRelease.newBuilder(good).setArtifact(ByteBuffer.wrap(flipped)).build());

        assertEquals(1, screener.metrics.count(
                InMemoryScreenerMetrics.releaseRejectedCounter(ReleaseRejection.CHECKSUM_MISMATCH)));
        assertEquals(1, releasesDlq.readRecordsToList().size(), "the refused site release is dead-lettered");
        assertScoredWith("A-1", "a1", "YARD-A");
        assertScoredWith("B-1", "b1", "YARD-B");
        assertScoredWith("C-1", "v2", null);
        KeyValueStore<String, ModelRelease> store = screener.driver.getKeyValueStore(StoreNames.MODEL_RELEASES);
        assertEquals("a1", store.get(ReleaseKey.site(NAME, "YARD-A").toString()).getVersion(),
                "refused releases never reach models.served");

        screener.publish(good);
        assertScoredWith("A-1", "a2", "YARD-A");
        assertScoredWith("B-1", "b1", "YARD-B");
    }

    @Test
    void aSitesVersionIsJudgedAgainstThatSiteAloneSoTheBasesVersionIsNoConflictAndARedeliveryIsNoChange() {
        screener.publish(TestModels.release(NAME, "v2", ReleaseAction.PUBLISH, base2));
        // The same version string as the base's, another artifact: under the site's own key, no conflict.
        screener.publish(siteRelease("YARD-A", "v2", yardA));
        assertScoredWith("A-1", "v2", "YARD-A");
        assertEquals(0, screener.metrics.countPrefix("releases.rejected."));

        // Re-delivered (a restart, a replay): neither refused nor swapped again.
        screener.publish(siteRelease("YARD-A", "v2", yardA));
        assertEquals(0, screener.metrics.countPrefix("releases.rejected."));
        assertEquals(2, screener.metrics.count(InMemoryScreenerMetrics.releaseAcceptedCounter(ReleaseAction.PUBLISH)));

        // But another artifact under a version the site already served is a conflict for that site.
        screener.publish(siteRelease("YARD-A", "v2", yardB));
        assertEquals(1, screener.metrics.count(
                InMemoryScreenerMetrics.releaseRejectedCounter(ReleaseRejection.VERSION_CONFLICT)));
        assertScoredWith("A-1", "v2", "YARD-A");
        assertEquals(ModelArtifactCodec.sha256Hex(ModelArtifactCodec.encode(yardA)),
                screener.models.siteInfo("YARD-A").orElseThrow().artifactSha256(), "YARD-A still serves its own v2");
    }

    @Test
    void aSiteReleaseUnderAnotherKeyIsRefusedAsAKeyMismatch() {
        ModelRelease release = siteRelease("YARD-A", "a1", yardA);
        screener.releases.pipeInput(NAME, io.reescreen.screener.testing.TestSerdes.RELEASE.toBytes(release));
        assertEquals(1, screener.metrics.count(InMemoryScreenerMetrics.releaseRejectedCounter(ReleaseRejection.KEY_MISMATCH)));
        assertTrue(predict("A-1").getModelVersion().startsWith("bootstrap-"));
    }

    @Test
    void aTombstoneForASiteSendsItsLotsBackToTheBaseAndLeavesTheOthers() {
        screener.publish(siteRelease("YARD-A", "a1", yardA));
        screener.publish(siteRelease("YARD-B", "b1", yardB));
        String key = ReleaseKey.site(NAME, "YARD-A").toString();
        screener.releases.pipeInput(key, (byte[]) null);

        assertTrue(predict("A-1").getModelVersion().startsWith("bootstrap-"));
        assertScoredWith("B-1", "b1", "YARD-B");
        assertNull(screener.driver.<String, ModelRelease>getKeyValueStore(StoreNames.MODEL_RELEASES).get(key));
    }

    @Test
    void anAlertNamesTheSiteModelThatRaisedIt() {
        screener.publish(siteRelease("YARD-A", "a1", TestModels.certainlyHigh()));
        for (int i = 0; i < 3; i++) {
            predict("A-1");
        }
        List<HighReeAlert> alerts = screener.alerts.readValuesToList();
        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("a1", alerts.get(0).getModelVersion());
        assertEquals("YARD-A", alerts.get(0).getModelSiteId());
        assertTrue(alerts.get(0).getReason().contains("site YARD-A's model"), alerts.get(0).getReason());
    }
}
