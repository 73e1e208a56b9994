package io.reescreen.retrainer.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.retrainer.testing.ServiceConfig;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.RetrainingAttempt;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.SimulationReport;
import io.reescreen.simulator.XrfSimulator;
import io.reescreen.simulator.lab.LabAgreement;
import io.reescreen.simulator.lab.LabHeaders;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabResultGenerator;
import io.reescreen.simulator.lab.LabSimulationReport;
import io.reescreen.simulator.lab.LabSimulator;
import io.reescreen.simulator.lab.SimulatedLabResult;
import io.reescreen.simulator.lab.SiteOffsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole loop on the embedded broker and registry: the screener screens lots from a site whose REE is
 * systematically higher than the bootstrap model knows (the lab simulator's site offset); lab results for those lots
 * arrive; the retrainer joins them, transfers, passes the gate and publishes; the screener swaps to the new version
 * without restart; and its predictions on NEW lots from that site are closer to the lab values than the bootstrap
 * model's were.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ClosedLoopEmbeddedTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClosedLoopEmbeddedTest.class);
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final String SITE = SiteOffsets.DEFAULT_OFFSET_SITE;
    private static final double OFFSET = 1.5;
    private static final String TOKEN = "closed-loop-test-token";

    @Test
    void labResultsFromAnOffsetSiteBecomeAModelTheScreenerServesAndThatErrsLessThere(EmbeddedStack stack,
                                                                                    @TempDir Path dir) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String modelName = "loop-model-" + id;
        // One bootstrap for both services, as a file: same artifact, same version on both sides.
        Path model = ServiceConfig.bootstrapModel(dir, new BootstrapModel.SyntheticSpecification(240, 4, 60, 42));

        Map<String, Object> screenerConfig = ServiceConfig.of("screener", stack, "loop-screener-" + id,
                dir.resolve("screener"), model);
        screenerConfig.put("reescreen.screener.model-name", modelName);
        screenerConfig.put("reescreen.screener.prediction.noise-samples", 16);

        Map<String, Object> retrainerConfig = ServiceConfig.of("retrainer", stack, "loop-retrainer-" + id,
                dir.resolve("retrainer"), model);
        retrainerConfig.put("reescreen.retrainer.model-name", modelName);
        retrainerConfig.put("reescreen.retrainer.retrain-every", 24);
        retrainerConfig.put("reescreen.retrainer.auth-token", TOKEN);
        // Static membership, as ./reescreen retrainer has: the restart at the end takes its partitions back at once
        // instead of after the closed instance's 45 s session (Kafka Streams does not leave the group on close).
        retrainerConfig.put("reescreen.retrainer.instance-name", "loop-" + id);

        try (ScreenerService screener = ScreenerService.start(screenerConfig);
             RetrainerService retrainer = RetrainerService.start(retrainerConfig)) {
            screener.awaitRunning(STARTUP);
            retrainer.awaitReady(STARTUP);
            String bootstrapVersion = screener.model().info().version();
            assertEquals(bootstrapVersion, retrainer.runtime().champion().version(), "both name the same bootstrap");

            // --- 1. lots from the offset site, screened by the bootstrap model ------------------------------------
            List<SimulatedLot> before = LotMix.of(36, 0.3, 21).withSites(List.of(SITE)).draw("loop-a-" + id);
            Map<String, ReePrediction> beforePredictions = screen(stack, before, bootstrapVersion);

            // --- 2. their lab results, a few of them bad ------------------------------------------------------------
            // 50 % above the simulator's truth: far beyond what a small bootstrap gets wrong by itself, so the gate's
            // verdict does not hinge on how well that model happened to train.
            LabPlan lab = LabPlan.builder().seed(3).labResultFraction(1.0).badFraction(0.1)
                    .siteOffsets(SiteOffsets.defaults().with(SITE, OFFSET)).build();
            LabSimulationReport sent;
            LabSimulator labSimulator = new LabSimulator(stack.bootstrapServers(),
                    stack.serdes().valueSerde(LabResult.class), before, lab);
            sent = labSimulator.run();
            assertEquals(0, sent.failedSends());
            List<SimulatedLabResult> labResults = labSimulator.results();
            long good = labResults.stream().filter(SimulatedLabResult::isGood).count();
            assertTrue(good >= 24, good + " good lab results");

            // --- 3. the retrainer publishes a better model and the screener serves it -------------------------------
            RetrainingOutcome published = await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250))
                    .until(() -> retrainer.runtime().loop().history().stream().filter(RetrainingOutcome::published)
                            .findFirst().orElse(null), o -> o != null);
            String newVersion = published.publishedVersion().orElseThrow();
            LOG.info("published {}: {}", newVersion, published.decision());
            assertEquals(bootstrapVersion, published.championVersion());
            assertEquals("transfer", published.decision().method());
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(100))
                    .until(() -> screener.model().siteInfo(SITE).map(i -> i.version()).orElse("").equals(newVersion));
            // The lab results are all of one site: its own model, transferred from the base, which stays in force.
            assertEquals(bootstrapVersion, screener.model().siteInfo(SITE).orElseThrow().parentVersion(),
                    "lineage reaches the screener");
            assertEquals(bootstrapVersion, screener.model().info().version(), "the base model stays for other sites");
            await().atMost(PROCESSING).until(() -> retrainer.runtime().champion().ofSite(SITE).version().equals(newVersion));

            // every bad lab result is dead-lettered with its reason, none is lost
            Set<String> badIds = labResults.stream().filter(r -> !r.isGood()).map(SimulatedLabResult::labResultId)
                    .collect(Collectors.toSet());
            Map<String, String> reasons = dlqReasons(stack, badIds);
            assertEquals(badIds, reasons.keySet());
            for (SimulatedLabResult r : labResults) {
                if (!r.isGood()) {
                    assertEquals(r.badKind().orElseThrow().expectedReason(), reasons.get(r.labResultId()));
                }
            }

            // --- 4. new lots from the same site, screened by the new model, are closer to their lab values ---------
            List<SimulatedLot> after = LotMix.of(30, 0.3, 22).withSites(List.of(SITE)).draw("loop-b-" + id);
            Map<String, ReePrediction> afterPredictions = screen(stack, after, newVersion);
            double errorBefore = LabAgreement.totalReeMaeOverMean(beforePredictions,
                    LabResultGenerator.generate(before, lab));
            double errorAfter = LabAgreement.totalReeMaeOverMean(afterPredictions, LabResultGenerator.generate(after, lab));
            LOG.info("total REE MAE/mean against the lab at {}: bootstrap {} %, new model {} %", SITE,
                    String.format("%.1f", 100 * errorBefore), String.format("%.1f", 100 * errorAfter));
            assertTrue(errorAfter < 0.75 * errorBefore, "error before " + errorBefore + ", after " + errorAfter);

            // --- 5. the HTTP trigger is authenticated, and the history says what happened ---------------------------
            HttpClient http = HttpClient.newHttpClient();
            URI retrain = retrainer.uri().resolve("/retrain");
            assertEquals(401, http.send(HttpRequest.newBuilder(retrain).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, http.send(HttpRequest.newBuilder(retrain).header("Authorization", "Bearer wrong-token-000000")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> byHand = http.send(HttpRequest.newBuilder(retrain)
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, byHand.statusCode(), byHand.body());
            assertTrue(byHand.body().contains("\"trigger\":\"POST /retrain\""), byHand.body());
            assertTrue(byHand.body().contains("\"championVersion\":\"" + newVersion + "\""), byHand.body());
            HttpResponse<String> history = http.send(HttpRequest.newBuilder(retrainer.uri().resolve("/retrain/history"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, history.statusCode());
            assertTrue(history.body().contains(newVersion), history.body());

            // --- 6. every attempt is on models.attempts with its reason; a restart rebuilds all it knew -----------
            List<RetrainingOutcome> attempts = retrainer.runtime().loop().history();
            Map<String, RetrainingAttempt> recorded = new HashMap<>();
            LatestRecords.readRecords(stack.bootstrapServers(), Topics.MODEL_ATTEMPTS.name(), r -> {
                if (r.value() != null && modelName.equals(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))) {
                    RetrainingAttempt a = stack.serdes().valueSerde(RetrainingAttempt.class).deserializer()
                            .deserialize(r.topic(), r.headers(), r.value());
                    recorded.put(a.getTrigger() + "@" + a.getAttemptedAt(), a);
                }
            });
            assertEquals(attempts.size(), recorded.size(), "one record per attempt: " + recorded.keySet());
            assertTrue(recorded.values().stream().anyMatch(a -> newVersion.equals(a.getPublishedVersion())));
            // The hand-triggered attempt may pass the gate by a small margin (training is not bit-exact across
            // runs here): then its release, once the screener's gate serves it, is the champion to come back to.
            java.util.regex.Matcher byHandRelease = java.util.regex.Pattern
                    .compile("\"publishedVersion\":\"([^\"]+)\"").matcher(byHand.body());
            String champion = byHandRelease.find() ? byHandRelease.group(1) : newVersion;
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250))
                    .until(() -> champion.equals(retrainer.runtime().champion().ofSite(SITE).version()));
            int examples = retrainer.runtime().loop().exampleCount();
            retrainer.close();
            try (RetrainerService restarted = RetrainerService.start(retrainerConfig)) {
                restarted.awaitReady(STARTUP);
                assertEquals(champion, restarted.runtime().champion().ofSite(SITE).version(),
                        "the site's champion from models.served");
                assertEquals(examples, restarted.runtime().loop().exampleCount(), "the examples from training.examples");
                assertEquals(0, restarted.runtime().loop().newSinceLastAttempt(), "nothing new: nothing to retrain");
                assertEquals(summaries(attempts), summaries(restarted.runtime().loop().history()),
                        "the history from models.attempts");
            }
        }
    }

    /** What an attempt was and said (the time travels in whole milliseconds). */
    private static List<String> summaries(List<RetrainingOutcome> attempts) {
        return attempts.stream().map(o -> o.trigger() + " | " + o.decision().reason() + " | "
                + o.publishedVersion().orElse("-") + " | " + o.at().toEpochMilli()).toList();
    }

    /** Sends 4 shots per lot and waits for each lot's prediction over all 4, made by {@code version}. */
    private static Map<String, ReePrediction> screen(EmbeddedStack stack, List<SimulatedLot> lots, String version) {
        SimulationPlan plan = SimulationPlan.builder().runId(lots.get(0).lotId()).seed(9).lots(lots).shotsPerLot(4)
                .totalReadings(4L * lots.size())
                .clock(ShotClock.stepping(Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMillis(100)))
                .build();
        SimulationReport report;
        try (XrfSimulator simulator = new XrfSimulator(stack.bootstrapServers(), stack.serdes(), plan)) {
            report = simulator.run();
        }
        assertEquals(4L * lots.size(), report.goodReadings());
        Set<String> ids = lots.stream().map(SimulatedLot::lotId).collect(Collectors.toSet());
        return await().atMost(PROCESSING).pollInterval(Duration.ofMillis(500)).until(() -> LatestRecords.read(
                        stack.bootstrapServers(), Topics.REE_PREDICTIONS.name(),
                        stack.serdes().valueSerde(ReePrediction.class).deserializer(), ids::contains),
                latest -> latest.size() == ids.size() && latest.values().stream()
                        .allMatch(p -> p.getReadingCount() == 4 && p.getModelVersion().equals(version)));
    }

    private static Map<String, String> dlqReasons(EmbeddedStack stack, Set<String> badIds) {
        return await().atMost(PROCESSING).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, String> reasons = new HashMap<>();
            LatestRecords.readRecords(stack.bootstrapServers(), Topics.LAB_RESULTS_DLQ.name(), r -> {
                LabHeaders.labResultId(r.headers())
                        .ifPresent(labResultId -> reasons.put(labResultId, DlqHeaders.text(r.headers(), DlqHeaders.REASON)));
            });
            reasons.keySet().retainAll(badIds);
            return reasons;
        }, reasons -> reasons.size() == badIds.size());
    }

}
