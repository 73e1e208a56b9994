package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.AlertTrigger;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.ScreeningOutcome;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class OperatorViewTest {

    @Test
    void aDeadLetterWithANearLimitKeyIsShownOnOneShortLineWithItsSize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String key = "L".repeat(999_990) + "-tail";
        RecordHeaders headers = new RecordHeaders();
        headers.add(DlqHeaders.REASON, HeaderText.utf8("ID_TOO_LONG"));
        headers.add(DlqHeaders.DETAIL, HeaderText.utf8("lotId is 999995 bytes, at most 256"));
        // Never polled: the view only formats the record it is given.
        OperatorView view = new OperatorView(KafkaConnection.plaintext("127.0.0.1:1"),
                new RegistrySerdes("http://127.0.0.1:1", false), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        view.show(new ConsumerRecord<>(Topics.XRF_READINGS_DLQ.name(), 0, 7L, -1L, TimestampType.CREATE_TIME,
                key.length(), 3, key, new byte[] {1, 2, 3}, headers, Optional.empty()));

        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.length() < 250, line.length() + " characters: " + line.substring(0, Math.min(300, line.length())));
        assertTrue(line.contains("DLQ    lot " + "L".repeat(ShownId.MAX_CHARS) + "… (999,995 bytes): ID_TOO_LONG"), line);
        assertTrue(line.contains("(lotId is 999995 bytes, at most 256)"), line);
    }

    @Test
    void shortIdsAreShownAsTheyAreAndControlCharactersEscaped() {
        assertEquals("LOT-2026-0001", ShownId.of("LOT-2026-0001"));
        assertEquals("L\\u001b[2J", ShownId.of("L\u001b[2J"), "an escape sequence must not clear the operator's screen");
        assertEquals("(no key)", ShownId.of(null));
        String astral = "x".repeat(ShownId.MAX_CHARS - 1) + "\uD83D\uDE00" + "y";
        assertEquals("x".repeat(ShownId.MAX_CHARS - 1) + "… (68 bytes)", ShownId.of(astral),
                "never half a surrogate pair; the size in UTF-8 bytes");
    }

    @Test
    void theLotTableNamesTheSiteModelOfEachPredictionAndBaseWhereTheBaseModelMadeIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OperatorView view = view(bytes);
        view.prediction(prediction("YARD-A-run1-L0001", "transfer-20261206T090000Z-1234abcd", "YARD-A"));
        view.prediction(prediction("YARD-C-run1-L0003", "bootstrap-synthetic-0123456789ab", null));

        view.printTable();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("site model") && l.contains("model version")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("YARD-A-run1-L0001")
                && l.matches(".*\\sYARD-A\\s+transfer-20261206T090000Z-1234abcd$")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("YARD-C-run1-L0003")
                && l.matches(".*\\sbase\\s+bootstrap-synthetic-0123456789ab$")), lines.toString());
    }

    @Test
    void anAlertNamesTheModelVersionAndTheSiteModelThatRaisedIt() {
        assertTrue(OperatorView.alertLine(alert("YARD-B")).contains("model transfer-v9 (YARD-B); "),
                OperatorView.alertLine(alert("YARD-B")));
        assertTrue(OperatorView.alertLine(alert(null)).contains("model transfer-v9 (base); "),
                OperatorView.alertLine(alert(null)));
    }

    @Test
    void aSiteTombstoneSendsThatSitesLotsBackToTheBaseModelAndABaseTombstoneToTheBootstrap() {
        assertTrue(OperatorView.withdrawnLine("screener@YARD-A").endsWith(
                "site YARD-A's model withdrawn (tombstone): its lots are scored with the base model"));
        assertTrue(OperatorView.withdrawnLine("screener").endsWith(
                "screener withdrawn (tombstone): screeners go back to their bootstrap model"));
    }

    @Test
    void theAccuracyTableHasEachSitesBaseRowBeforeAndItsOwnModelsRowAfterWithTheConfusionCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OperatorView view = view(bytes);
        // Before: the base model predicted 150 and 130 where the lab found 100 and 200 (MAE/mean 40 %).
        view.comparison(comparison("YARD-A", "bootstrap-synthetic-1", null, 100, 150, false, ScreeningOutcome.FALSE_POSITIVE));
        view.comparison(comparison("YARD-A", "bootstrap-synthetic-1", null, 200, 130, false, ScreeningOutcome.FALSE_NEGATIVE));
        // After: YARD-A's own model, 110 and 190 (MAE/mean 20 / 300 = 6.7 %).
        view.comparison(comparison("YARD-A", "transfer-a1", "YARD-A", 100, 110, true, ScreeningOutcome.TRUE_NEGATIVE));
        view.comparison(comparison("YARD-A", "transfer-a1", "YARD-A", 200, 190, true, ScreeningOutcome.TRUE_POSITIVE));

        view.printAccuracy();

        List<String> rows = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("YARD-A ")).toList();
        assertEquals(2, rows.size(), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(rows.get(0).matches("YARD-A\\s+bootstrap-synthetic-1\\s+base\\s+2\\s+40\\.0\\s+42\\.5\\s+0\\.0\\s.*"
                + "\\s0/1/1/0$"), rows.get(0));
        assertTrue(rows.get(1).matches("YARD-A\\s+transfer-a1\\s+YARD-A\\s+2\\s+6\\.7\\s+7\\.5\\s+100\\.0\\s.*"
                + "\\s1/0/0/1$"), rows.get(1));
    }

    private static OperatorView view(ByteArrayOutputStream bytes) {
        // Never polled: the view only formats what it is given.
        return new OperatorView(KafkaConnection.plaintext("127.0.0.1:1"),
                new RegistrySerdes("http://127.0.0.1:1", false), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private static ReePrediction prediction(String lotId, String version, String modelSiteId) {
        return ReePrediction.newBuilder().setLotId(lotId).setPredictedAt(Instant.EPOCH).setModelName("screener")
                .setModelVersion(version).setReadingCount(5)
                .setOutputs(List.of(ReeEstimate.newBuilder().setTarget(ReeTarget.TOTAL_REE).setMeanPpmMol(160)
                        .setStdPpmMol(10).setP05PpmMol(140).setP95PpmMol(180).build()))
                .setThresholdTotalReePpmMol(157).setProbTotalAtOrAboveThreshold(0.6).setOutOfDomain(false)
                .setDomainDistanceMahalanobis(1.0).setAttributionBaselinePpmMol(150).setEnsembleMembers(30)
                .setNoiseSamples(64).setModelSiteId(modelSiteId).build();
    }

    private static HighReeAlert alert(String modelSiteId) {
        return HighReeAlert.newBuilder().setAlertId("a1").setLotId("YARD-B-run1-L0002").setSiteId("YARD-B")
                .setRaisedAt(Instant.EPOCH).setTransition(AlertTransition.BECAME_LIKELY_HIGH)
                .setTrigger(AlertTrigger.NEW_MODEL).setTotalReeMeanPpmMol(200).setTotalReeP05PpmMol(170)
                .setTotalReeP95PpmMol(230).setThresholdTotalReePpmMol(157).setProbTotalAtOrAboveThreshold(0.9)
                .setAlertProbability(0.5).setOutOfDomain(false).setModelVersion("transfer-v9").setReadingCount(5)
                .setReason("P(high) rose").setModelSiteId(modelSiteId).build();
    }

    private static ModelPerformance comparison(String site, String version, String modelSite, double lab,
                                               double predicted, boolean inside, ScreeningOutcome outcome) {
        return LabComparisons.of("L", site, version, modelSite, lab, predicted, inside, outcome);
    }
}
