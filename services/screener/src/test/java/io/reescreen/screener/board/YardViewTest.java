package io.reescreen.screener.board;

import static io.reescreen.screener.board.BoardRecords.ack;
import static io.reescreen.screener.board.BoardRecords.alert;
import static io.reescreen.screener.board.BoardRecords.composition;
import static io.reescreen.screener.board.BoardRecords.performance;
import static io.reescreen.screener.board.BoardRecords.prediction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reescreen.schemas.AlertTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class YardViewTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    private final AtomicLong now = new AtomicLong(T0.plusSeconds(60).toEpochMilli());

    private YardView view(int maxLots, int maxAlerts, int maxShots) {
        return new YardView(new BoardSettings(Duration.ofHours(12), maxLots, maxAlerts, maxShots, 3,
                Optional.empty(), Optional.empty(), Duration.ofSeconds(15), 8), now::get);
    }

    @Test
    void alertsAreListedNewestFirstAndOnlyTheNewestAreKept() {
        YardView view = view(100, 3, 10);
        for (int i = 0; i < 5; i++) {
            view.onAlert(alert("A" + i, "L" + i, "YARD-A", T0.plusSeconds(i), AlertTransition.BECAME_LIKELY_HIGH));
        }
        assertEquals(List.of("A4", "A3", "A2"), view.alerts(10).stream().map(BoardJson.Alert::alertId).toList());
        assertEquals(List.of("A4"), view.alerts(1).stream().map(BoardJson.Alert::alertId).toList());
        assertTrue(view.alert("A0").isEmpty(), "the oldest alert is forgotten past max-alerts");
    }

    @Test
    void aNewAlertReadBeforeABacklogOfOlderOnesStaysOnTheBoardWhenTheBacklogOverflowsIt() {
        // A feed catching up reads partitions in no particular order: today's alert may come before yesterday's.
        YardView view = view(100, 3, 10);
        assertTrue(view.onAlert(alert("NEW", "L", "YARD-A", T0.plusSeconds(60), AlertTransition.BECAME_LIKELY_HIGH))
                .isPresent());
        for (int i = 0; i < 5; i++) {
            view.onAlert(alert("OLD" + i, "M" + i, "YARD-B", T0.plusSeconds(i), AlertTransition.BECAME_LIKELY_HIGH));
        }
        assertTrue(view.alert("NEW").isPresent(), "the newest raised alert is kept, though read first");
        assertEquals(List.of("NEW", "OLD4", "OLD3"), view.alerts(10).stream().map(BoardJson.Alert::alertId).toList());
        assertTrue(view.onAlert(alert("OLDEST", "N", "YARD-B", T0.minusSeconds(1), AlertTransition.BECAME_LIKELY_HIGH))
                .isEmpty(), "an alert older than all kept is not announced: it is not on the board");
    }

    @Test
    void anAlertReadAgainIsNotAnnouncedTwice() {
        YardView view = view(100, 10, 10);
        assertTrue(view.onAlert(alert("A", "L", "S", T0, AlertTransition.BECAME_LIKELY_HIGH)).isPresent());
        assertTrue(view.onAlert(alert("A", "L", "S", T0, AlertTransition.BECAME_LIKELY_HIGH)).isEmpty());
        assertEquals(1, view.alerts(10).size());
    }

    @Test
    void anAcknowledgementReadBeforeItsAlertJoinsTheAlertWhenItComes() {
        YardView view = view(100, 10, 10);
        view.onAck(ack("A", "L", "Ana", T0.plusSeconds(5)));
        view.onAlert(alert("A", "L", "S", T0, AlertTransition.BECAME_LIKELY_HIGH));
        view.onAlert(alert("B", "L", "S", T0.plusSeconds(1), AlertTransition.NO_LONGER_LIKELY_HIGH));
        BoardJson.Alert a = view.alerts(10).get(1);
        assertEquals("A", a.alertId());
        assertEquals("Ana", a.ack().operator());
        assertEquals("diverted to stockpile 3", a.ack().note());
        assertEquals(T0.plusSeconds(5).toEpochMilli(), a.ack().acknowledgedAtMs());
        assertNull(view.alerts(10).get(0).ack(), "B is not acknowledged");
    }

    @Test
    void theLastAcknowledgementOfAnAlertWins() {
        YardView view = view(100, 10, 10);
        view.onAlert(alert("A", "L", "S", T0, AlertTransition.BECAME_LIKELY_HIGH));
        view.onAck(ack("A", "L", "Ana", T0.plusSeconds(5)));
        view.onAck(ack("A", "L", "Bo", T0.plusSeconds(9)));
        assertEquals("Bo", view.alerts(1).get(0).ack().operator());
    }

    @Test
    void aLotsVerdictIsItsLastAlertsDirectionAndTheListFiltersBySiteAndVerdict() {
        YardView view = view(100, 10, 10);
        view.onPrediction(prediction("L1", T0, 210, 0.9));
        view.onAlert(alert("A1", "L1", "YARD-A", T0, AlertTransition.BECAME_LIKELY_HIGH));
        view.onPrediction(prediction("L2", T0.plusSeconds(1), 120, 0.1));
        view.onComposition(composition("L2", "YARD-B", 3, T0.plusSeconds(1)), T0.plusSeconds(1).toEpochMilli());
        view.onPrediction(prediction("L3", T0.plusSeconds(2), 300, 0.95));
        view.onAlert(alert("A3", "L3", "YARD-A", T0.plusSeconds(2), AlertTransition.BECAME_LIKELY_HIGH));
        view.onAlert(alert("A3b", "L3", "YARD-A", T0.plusSeconds(3), AlertTransition.NO_LONGER_LIKELY_HIGH));

        List<BoardJson.Lot> all = view.lots(Duration.ofHours(12), null, null);
        assertEquals(List.of("L3", "L2", "L1"), all.stream().map(BoardJson.Lot::lotId).toList(), "newest first");
        assertEquals(List.of("LOW", "LOW", "HIGH"), all.stream().map(BoardJson.Lot::verdict).toList());
        assertEquals(List.of("L1"), view.lots(Duration.ofHours(12), "YARD-A", "HIGH").stream()
                .map(BoardJson.Lot::lotId).toList());
        assertEquals(List.of("L2"), view.lots(Duration.ofHours(12), "YARD-B", null).stream()
                .map(BoardJson.Lot::lotId).toList());
        BoardJson.Lot l1 = all.get(2);
        assertEquals(210.0, l1.totalReeMeanPpmMol());
        assertEquals(168.0, l1.totalReeP05PpmMol(), 1e-9);
        assertEquals(252.0, l1.totalReeP95PpmMol(), 1e-9);
        assertEquals(0.9, l1.probHigh());
        assertEquals("SiO2", l1.byDifference(), "the oxide taken by difference, by name");
        assertEquals("v1", l1.modelVersion());
    }

    @Test
    void aLotWithoutAPredictionHasNoVerdictAndNullFigures() {
        YardView view = view(100, 10, 10);
        view.onComposition(composition("L", "S", 1, T0), T0.toEpochMilli());
        BoardJson.Lot lot = view.lots(Duration.ofHours(12), null, null).get(0);
        assertNull(lot.verdict());
        assertNull(lot.totalReeMeanPpmMol());
        assertEquals(1, lot.shots());
        assertTrue(view.lot("L").orElseThrow().outputs().isEmpty());
    }

    @Test
    void atMostMaxLotsAreKeptTheLeastRecentlyUpdatedGoFirst() {
        YardView view = view(3, 10, 10);
        for (int i = 0; i < 4; i++) {
            view.onPrediction(prediction("L" + i, T0.plusSeconds(i), 200, 0.5));
        }
        view.onPrediction(prediction("L1", T0.plusSeconds(10), 200, 0.5)); // L1 updated: L2 is now the least recent
        view.onPrediction(prediction("L4", T0.plusSeconds(11), 200, 0.5));
        assertEquals(3, view.lotCount());
        assertTrue(view.lot("L0").isEmpty());
        assertTrue(view.lot("L2").isEmpty());
        assertTrue(view.lot("L1").isPresent());
    }

    @Test
    void aLotKeepsItsLatestShotsOnlyAndOneShotPerShotCount() {
        YardView view = view(10, 10, 4);
        for (int shot = 1; shot <= 6; shot++) {
            view.onComposition(composition("L", "S", shot, T0.plusSeconds(shot)), T0.plusSeconds(shot).toEpochMilli());
        }
        view.onComposition(composition("L", "S", 6, T0.plusSeconds(7)), T0.plusSeconds(7).toEpochMilli());
        List<BoardJson.Shot> shots = view.lot("L").orElseThrow().shots();
        assertEquals(4, shots.size());
        assertEquals(T0.plusSeconds(3).toEpochMilli(), shots.get(0).atMs());
        assertEquals(T0.plusSeconds(6).toEpochMilli(), shots.get(3).atMs());
        assertEquals(10.0, shots.get(3).oxidesMolPct().get("SiO2"));
        assertEquals(10, shots.get(3).oxidesMolPct().size());
    }

    @Test
    void aLotsPageHasItsSeventeenOutputsAttributionsDeadLettersAndLabResults() {
        YardView view = view(10, 10, 10);
        view.onPrediction(prediction("L", T0, 200, 0.7));
        for (int i = 0; i < 5; i++) {
            view.onDeadLetter("L", "MISSING_ANALYTE", "no CaO " + i, T0.plusSeconds(i).toEpochMilli());
        }
        view.onPerformance(performance("L", "S", "v1", 100, 110, true, T0));
        BoardJson.LotDetail lot = view.lot("L").orElseThrow();
        assertEquals(17, lot.outputs().size());
        assertEquals("TOTAL_REE", lot.outputs().get(0).target());
        assertEquals(List.of("Al2O3"), lot.attributions().stream().map(BoardJson.Attribution::feature).toList());
        assertEquals(3, lot.deadLetters().size(), "max-dead-letters-per-lot");
        assertEquals("no CaO 4", lot.deadLetters().get(2).detail());
        assertEquals(0.1, lot.labResults().get(0).relativeError(), 1e-12);
        assertTrue(lot.labResults().get(0).insideInterval());
    }

    @Test
    void realisedAccuracyIsSummedPerSiteAndModelVersion() {
        YardView view = view(10, 10, 10);
        view.onPerformance(performance("L1", "YARD-A", "v1", 100, 110, true, T0));
        view.onPerformance(performance("L2", "YARD-A", "v1", 300, 270, false, T0));
        view.onPerformance(performance("L3", "YARD-B", "v1", 100, 100, true, T0));
        List<BoardJson.Accuracy> rows = view.accuracy();
        assertEquals(2, rows.size());
        BoardJson.Accuracy a = rows.get(0);
        assertEquals("YARD-A", a.siteId());
        assertEquals(2, a.n());
        assertEquals(100.0 * 40 / 400, a.maeOverMeanPct(), 1e-9);
        assertEquals(50.0, a.coverage90Pct(), 1e-9);
        assertEquals(40.0, a.meanWidthPct(), 1e-9);
    }

    @Test
    void deadLettersPerSecondAreCountedByReasonOverTheLastMinute() {
        YardView view = view(10, 10, 10);
        long t = now.get();
        for (int i = 0; i < 30; i++) {
            view.onDeadLetter("L", "UNKNOWN_LOT", "", t - 1_000 - i * 100);
        }
        view.onDeadLetter("L", "UNKNOWN_LOT", "", t - 120_000); // older than a minute
        for (int shot = 1; shot <= 30; shot++) {
            view.onComposition(composition("L", "S", shot, T0), t - 2_000);
        }
        assertEquals(0.5, view.deadLettersPerSecondByReason().get("UNKNOWN_LOT"), 1e-9);
        assertEquals(1.0, view.readingsPerSecond(), 1e-9, "30 compositions and 30 dead letters in 60 s");
    }

    @Test
    void aCompositionCoveringSeveralReadingsCountsEachOfThem() {
        YardView view = view(10, 10, 10);
        long t = now.get();
        view.onComposition(composition("L", "S", 4, T0), t - 3_000); // the lot's first four readings, coalesced
        view.onComposition(composition("L", "S", 4, T0), t - 2_500); // the same again: nothing new
        view.onComposition(composition("L", "S", 10, T0), t - 2_000); // six more
        view.onComposition(composition("L", "S", 2, T0), t - 1_000); // expired and shot afresh: two
        assertEquals(12.0 / 60, view.readingsPerSecond(), 1e-9);
    }

    @Test
    void lotsAndAlertsOlderThanTheWindowAreForgotten() {
        YardView view = view(10, 10, 10);
        view.onPrediction(prediction("OLD", T0, 200, 0.5));
        view.onAlert(alert("A-OLD", "OLD", "S", T0, AlertTransition.BECAME_LIKELY_HIGH));
        view.onPrediction(prediction("NEW", T0.plusSeconds(3600), 200, 0.5));
        view.forgetBefore(T0.plusSeconds(1).toEpochMilli());
        assertTrue(view.lot("OLD").isEmpty());
        assertTrue(view.alerts(10).isEmpty());
        assertTrue(view.lot("NEW").isPresent());
    }

    @Test
    void theJsonIsValidForAnyLotId() throws Exception {
        YardView view = view(10, 10, 10);
        String hostile = "<script>window.__pwned=1</script>\"\\\u0000\u2028'}{";
        view.onPrediction(prediction(hostile, T0, 200, 0.9));
        view.onAlert(alert("A", hostile, "S\"", T0, AlertTransition.BECAME_LIKELY_HIGH));
        ObjectMapper json = new ObjectMapper();
        JsonNode lots = json.readTree(json.writeValueAsString(new BoardJson.Lots(view.lots(Duration.ofHours(1), null, null))));
        assertEquals(hostile, lots.get("lots").get(0).get("lotId").asText());
        JsonNode alerts = json.readTree(json.writeValueAsString(new BoardJson.Alerts(view.alerts(10))));
        assertEquals(hostile, alerts.get("alerts").get(0).get("lotId").asText());
        assertTrue(alerts.get("alerts").get(0).has("ack"), "a missing acknowledgement is null, not left out");
        assertFalse(view.lot(hostile).isEmpty());
    }
}
