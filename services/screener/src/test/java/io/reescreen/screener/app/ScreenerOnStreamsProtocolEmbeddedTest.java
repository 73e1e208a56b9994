package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.ShotClock;
import io.reescreen.simulator.SimulationPlan;
import io.reescreen.simulator.SimulationReport;
import io.reescreen.simulator.XrfSimulator;
import io.reescreen.streams.StaticMembership;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screener as micronaut-kafka-streams builds it, on the broker-side streams rebalance protocol (KIP-1071,
 * {@code kafka.streams.screener.group.protocol=streams}, Kafka 4.4.0 clients and broker) with static membership:
 * the broker knows it as a static member of a streams group, it is ready, and it predicts every lot.
 */
@ExtendWith(EmbeddedStackExtension.class)
class ScreenerOnStreamsProtocolEmbeddedTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration PROCESSING = Duration.ofSeconds(90);

    @Test
    void theScreenerRunsAsAStaticMemberOfAStreamsGroupAndPredictsEveryLot(EmbeddedStack stack, @TempDir Path state)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "it-kip1071-" + id;
        Map<String, Object> config = ScreenerServiceEmbeddedTest.config(stack, applicationId, state,
                "it-kip1071-model-" + id);
        config.put("kafka.streams.screener.group.protocol", "streams");
        config.put(StaticMembership.of(ScreenerProperties.STREAM_NAME).instanceNameProperty(), "kip1071-" + id);
        try (ScreenerService screener = ScreenerService.start(config)) {
            screener.awaitRunning(STARTUP);
            URI base = screener.uri();
            assertEquals(200, Http.get(base, "health/readiness").status());
            List<StreamsGroupMemberDescription> members = streamsGroupMembers(stack, applicationId);
            assertFalse(members.isEmpty());
            for (StreamsGroupMemberDescription member : members) {
                assertFalse(member.isClassic(), member.toString());
                assertTrue(member.instanceId().orElse("").startsWith(StaticMembership.hostName() + "-kip1071-" + id),
                        member.toString());
            }
            SimulationReport report;
            try (XrfSimulator simulator = new XrfSimulator(stack.bootstrapServers(), stack.serdes(),
                    SimulationPlan.builder().runId("k" + id).seed(11).lotMix(LotMix.of(3, 0.5, 5)).shotsPerLot(2)
                            .totalReadings(6)
                            .clock(ShotClock.stepping(Instant.now().minus(Duration.ofMinutes(30)),
                                    Duration.ofMillis(100))).build())) {
                report = simulator.run();
            }
            await().atMost(PROCESSING).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (Map.Entry<String, Long> lot : report.goodReadingsPerLot().entrySet()) {
                    Http.Answer answer = Http.get(base, "lots/" + lot.getKey());
                    assertEquals(200, answer.status(), lot.getKey());
                    assertEquals(lot.getValue().longValue(),
                            answer.json().path("prediction").path("readingCount").asLong(), lot.getKey());
                }
            });
        }
    }

    private static List<StreamsGroupMemberDescription> streamsGroupMembers(EmbeddedStack stack, String groupId)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            StreamsGroupDescription group = admin.describeStreamsGroups(List.of(groupId)).describedGroups()
                    .get(groupId).get();
            return List.copyOf(group.members());
        }
    }
}
