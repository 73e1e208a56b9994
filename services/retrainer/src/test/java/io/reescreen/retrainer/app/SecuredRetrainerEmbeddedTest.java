package io.reescreen.retrainer.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.retrainer.testing.ServiceConfig;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.connect.RegistryClientSettings;
import io.reescreen.schemas.connect.RegistryConnection;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.SimulationReport;
import io.reescreen.simulator.XrfSimulator;
import io.reescreen.simulator.lab.LabPlan;
import io.reescreen.simulator.lab.LabSimulationReport;
import io.reescreen.simulator.lab.LabSimulator;
import io.reescreen.simulator.lab.SiteOffsets;
import io.reescreen.streams.ServiceConnections;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrainer on the secured embedded stack, configured only by the stack's client files: SASL_SSL with PLAIN for
 * the retrainer (SCRAM-SHA-512 for the screener beside it, which writes the compositions the join needs and serves
 * the release), the registry over HTTPS with basic authentication. Its own secured stack, besides the module's open one.
 */
class SecuredRetrainerEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration PROCESSING = Duration.ofSeconds(120);
    private static final String SITE = SiteOffsets.DEFAULT_OFFSET_SITE;

    @TempDir
    static Path work;

    private static EmbeddedStack stack;

    @BeforeAll
    static void startSecuredStack() throws Exception {
        stack = EmbeddedStack.startSecured(work.resolve("stack"), false, 0, 0, Topics.ALL);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theRetrainerJoinsLabResultsAndPublishesAReleaseOverSaslSslWithPlain(@TempDir Path dir) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String modelName = "secured-model-" + id;
        Path model = ServiceConfig.bootstrapModel(dir, new BootstrapModel.SyntheticSpecification(240, 4, 60, 42));
        Path scram = stack.security().kafkaClientFile(SaslMechanism.SCRAM_SHA_512);
        Path plain = stack.security().kafkaClientFile(SaslMechanism.PLAIN);

        Map<String, Object> screenerConfig = secured(ServiceConfig.of("screener", stack, "sec-screener-" + id,
                dir.resolve("screener"), model), scram);
        screenerConfig.put("reescreen.screener.model-name", modelName);
        screenerConfig.put("reescreen.screener.prediction.noise-samples", 16);
        Map<String, Object> retrainerConfig = secured(ServiceConfig.of("retrainer", stack, "sec-retrainer-" + id,
                dir.resolve("retrainer"), model), plain);
        retrainerConfig.put("reescreen.retrainer.model-name", modelName);
        retrainerConfig.put("reescreen.retrainer.retrain-every", 24);

        KafkaConnection screenerSide = KafkaConnection.of(stack.bootstrapServers(), KafkaClientSecurity.load(scram));
        KafkaConnection labSide = KafkaConnection.of(stack.bootstrapServers(), KafkaClientSecurity.load(plain));
        RegistrySerdes serdes = new RegistrySerdes(RegistryConnection.of(stack.registryUrl(),
                RegistryClientSettings.load(stack.security().registryClientFile())), true);

        try (ScreenerService screener = ScreenerService.start(screenerConfig);
             RetrainerService retrainer = RetrainerService.start(retrainerConfig)) {
            screener.awaitRunning(STARTUP);
            retrainer.awaitReady(STARTUP);
            assertEquals("PLAIN", retrainer.runtime().streamsConfig().getProperty("sasl.mechanism"));
            String bootstrapVersion = screener.model().info().version();

            // lots of the offset site screened (their compositions are what the lab results join) ...
            List<SimulatedLot> lots = LotMix.of(36, 0.3, 21).withSites(List.of(SITE)).draw("sec-" + id);
            SimulationPlan plan = SimulationPlan.builder().runId("sec-" + id).seed(9).lots(lots).shotsPerLot(4)
                    .totalReadings(4L * lots.size())
                    .clock(ShotClock.stepping(Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMillis(100)))
                    .build();
            SimulationReport screened;
            try (XrfSimulator simulator = new XrfSimulator(screenerSide, serdes, plan, Map.of())) {
                screened = simulator.run();
            }
            assertEquals(4L * lots.size(), screened.goodReadings());
            Set<String> ids = lots.stream().map(SimulatedLot::lotId).collect(Collectors.toSet());
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(500)).until(() -> LatestRecords.read(
                            screenerSide, Topics.REE_PREDICTIONS.name(),
                            serdes.valueSerde(ReePrediction.class).deserializer(), ids::contains),
                    latest -> latest.size() == ids.size()
                            && latest.values().stream().allMatch(p -> p.getReadingCount() == 4));

            // ... their lab results, 50 % above the truth, published over PLAIN ...
            LabPlan lab = LabPlan.builder().seed(3).labResultFraction(1.0).badFraction(0)
                    .siteOffsets(SiteOffsets.defaults().with(SITE, 1.5)).build();
            LabSimulationReport sent = new LabSimulator(labSide, serdes.valueSerde(LabResult.class), lots, lab,
                    Topics.LAB_RESULTS.name(), Map.of()).run();
            assertEquals(0, sent.failedSends());

            // ... joined, trained on, and published as the site's release, which the screener then serves
            RetrainingOutcome published = await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250))
                    .until(() -> retrainer.runtime().loop().history().stream().filter(RetrainingOutcome::published)
                            .findFirst().orElse(null), o -> o != null);
            String newVersion = published.publishedVersion().orElseThrow();
            assertEquals(bootstrapVersion, published.championVersion());
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(100))
                    .until(() -> screener.model().siteInfo(SITE).map(i -> i.version()).orElse("").equals(newVersion));
            assertTrue(retrainer.runtime().loop().history().size() >= 1);
        }
    }

    private static Map<String, Object> secured(Map<String, Object> config, Path kafkaClientFile) {
        config.put(ServiceConnections.KAFKA_CONFIG, kafkaClientFile.toString());
        config.put(ServiceConnections.REGISTRY_CONFIG, stack.security().registryClientFile().toString());
        return config;
    }
}
