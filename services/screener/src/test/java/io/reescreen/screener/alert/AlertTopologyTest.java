package io.reescreen.screener.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.AlertTrigger;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Alerts on the driver, with models that make every lot certainly high or certainly low, so each transition is
 * known in advance.
 */
class AlertTopologyTest {

    private static final String NAME = ScreenerSettings.DEFAULT_MODEL_NAME;

    private static void send(ScreenerHarness s, String lot, int reading) {
        s.send(Readings.oxides(lot, "R-" + reading, Readings.typicalWtPct()).build());
    }

    @Test
    void aLotThatBecomesLikelyHighAlertsOnceNotOnEveryUpdate() {
        try (ScreenerHarness s = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.certainlyHigh())) {
            s.lots.pipeInput("L-H", LotInfo.newBuilder().setLotId("L-H").setSiteId("YARD-2").setAshOrigin(AshOrigin.FLY_ASH)
                    .setUpdatedAt(Readings.SAMPLED).build());
            for (int i = 1; i <= 4; i++) {
                send(s, "L-H", i);
            }
            assertEquals(4, s.predictions.readValuesToList().size(), "every update is predicted");
            List<HighReeAlert> alerts = s.alerts.readValuesToList();
            assertEquals(1, alerts.size(), "but only the transition alerts");
            HighReeAlert a = alerts.get(0);
            assertEquals("L-H", a.getLotId());
            assertEquals("YARD-2", a.getSiteId());
            assertEquals(AlertTransition.BECAME_LIKELY_HIGH, a.getTransition());
            assertEquals(AlertTrigger.NEW_READINGS, a.getTrigger());
            assertEquals(1, a.getReadingCount());
            assertEquals(1.0, a.getProbTotalAtOrAboveThreshold());
            assertEquals(0.5, a.getAlertProbability());
            assertEquals(157.0, a.getThresholdTotalReePpmMol());
            assertTrue(a.getTotalReeP05PpmMol() <= a.getTotalReeMeanPpmMol() && a.getTotalReeMeanPpmMol() <= a.getTotalReeP95PpmMol());
            assertEquals(3, a.getTopAttributions().size());
            assertTrue(Math.abs(a.getTopAttributions().get(0).getContributionPpmMol())
                    >= Math.abs(a.getTopAttributions().get(2).getContributionPpmMol()), "largest first");
            assertTrue(a.getModelVersion().startsWith("bootstrap-synthetic-"));
            assertTrue(a.getReason().contains("now likely high") && a.getReason().contains(a.getModelVersion()), a.getReason());
            assertEquals(ScreenerHarness.WALL_CLOCK, a.getRaisedAt());
            assertEquals(1, s.metrics.count(InMemoryScreenerMetrics.alertCounter(AlertTransition.BECAME_LIKELY_HIGH)));

            LotVerdict verdict = s.driver.<String, LotVerdict>getKeyValueStore(StoreNames.LOT_VERDICTS).get("L-H");
            assertTrue(verdict.likelyHigh());
            assertEquals(4, verdict.readingCount());
            assertEquals(a.getAlertId(), verdict.lastAlertId());
        }
    }

    @Test
    void aNewModelThatChangesTheVerdictAlertsOnTheLotsNextUpdate() {
        try (ScreenerHarness s = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.certainlyLow())) {
            send(s, "L-M", 1);
            assertTrue(s.alerts.isEmpty(), "a lot starts as not likely high: no alert for a low first verdict");

            s.publish(TestModels.release(NAME, "high-v2", ReleaseAction.PUBLISH, TestModels.certainlyHigh()));
            assertTrue(s.alerts.isEmpty(), "judged on the lot's next update, not at the swap");
            send(s, "L-M", 2);
            HighReeAlert up = s.alerts.readValue();
            assertEquals(AlertTransition.BECAME_LIKELY_HIGH, up.getTransition());
            assertEquals(AlertTrigger.NEW_MODEL, up.getTrigger());
            assertEquals("high-v2", up.getModelVersion());
            assertTrue(up.getReason().contains("new model"), up.getReason());
            send(s, "L-M", 3);
            assertTrue(s.alerts.isEmpty());

            s.publish(TestModels.release(NAME, "low-v3", ReleaseAction.ROLLBACK, TestModels.certainlyLow()));
            send(s, "L-M", 4);
            HighReeAlert down = s.alerts.readValue();
            assertEquals(AlertTransition.NO_LONGER_LIKELY_HIGH, down.getTransition());
            assertEquals(AlertTrigger.NEW_MODEL, down.getTrigger());
            assertEquals(4, down.getReadingCount());
            send(s, "L-M", 5);
            assertTrue(s.alerts.isEmpty());
            // A lot first seen under the new model has no verdict to change.
            send(s, "L-N", 1);
            assertTrue(s.alerts.isEmpty());
        }
    }

    @Test
    void aReplayRaisesTheSameAlertIds() {
        String first;
        try (ScreenerHarness s = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.certainlyHigh())) {
            send(s, "L-R", 1);
            first = s.alerts.readValue().getAlertId();
        }
        try (ScreenerHarness s = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.certainlyHigh())) {
            send(s, "L-R", 1);
            assertEquals(first, s.alerts.readValue().getAlertId());
        }
    }

    @Test
    void aMinimumReadingCountDelaysTheFirstAlert() {
        ScreenerSettings settings = ScreenerSettings.defaults().toBuilder().minReadingsForAlert(3).build();
        try (ScreenerHarness s = ScreenerHarness.start(settings, TestModels.certainlyHigh())) {
            send(s, "L-3", 1);
            send(s, "L-3", 2);
            assertTrue(s.alerts.isEmpty());
            send(s, "L-3", 3);
            assertEquals(3, s.alerts.readValue().getReadingCount());
        }
    }
}
