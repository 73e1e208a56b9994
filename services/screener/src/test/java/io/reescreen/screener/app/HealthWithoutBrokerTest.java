package io.reescreen.screener.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.screener.health.BrokerReadinessIndicator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no broker at the bootstrap address, health checks answer within a second, every time: 503 with the reason on
 * {@code /health} and readiness, while liveness stays UP (a broker outage is not a reason to restart the screener); the
 * yard board's health says why too.
 */
class HealthWithoutBrokerTest {

    @Test
    void withNoBrokerHealthAndReadinessAnswer503WithTheReasonWithinASecond(@TempDir Path state) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", "127.0.0.1:" + closedPort());
        p.put("reescreen.registry.url", "http://127.0.0.1:" + closedPort() + "/apis/registry/v3");
        p.put("kafka.streams.screener.application.id", "it-no-broker");
        p.put("kafka.streams.screener.state.dir", state.toString());
        p.put("micronaut.server.port", -1);
        p.put("reescreen.screener.bootstrap.synthetic-rows", 60);
        p.put("reescreen.screener.bootstrap.members", 2);
        p.put("reescreen.screener.bootstrap.epochs", 2);
        // Nothing answers here: the start's partition check and the close need not wait their production 10 s each
        // (the close waits the longer of close-timeout, 3 s by default, and min-close-timeout).
        p.put(ScreenerProperties.PARTITION_CHECK_TIMEOUT, "1s");
        p.put("kafka.streams.screener.close-timeout", "1s");
        p.put(ScreenerRuntime.MIN_CLOSE_TIMEOUT, "1s");
        try (ScreenerService screener = ScreenerService.start(p)) {
            URI base = screener.uri();
            // the first probe needs its own second to fail; after that every answer is immediate
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(base, "health").body()
                    .contains("no answer from the Kafka cluster"));
            for (int i = 0; i < 5; i++) {
                for (String path : new String[] {"health", "health/readiness"}) {
                    long t0 = System.nanoTime();
                    Http.Answer answer = Http.get(base, path);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(ms < 1_000, path + " took " + ms + " ms");
                    assertEquals(503, answer.status(), answer.body());
                    String reason = answer.json().path("details").path(BrokerReadinessIndicator.NAME)
                            .path("details").path("reason").asText();
                    assertTrue(reason.contains("no answer from the Kafka cluster at 127.0.0.1:"), answer.body());
                }
                long t0 = System.nanoTime();
                Http.Answer liveness = Http.get(base, "health/liveness");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < 1_000, "liveness took " + ms + " ms");
                assertEquals(200, liveness.status(), liveness.body());
                Thread.sleep(300);
            }
            // The yard board's strip says so too (its streams still say they run: they wait for the broker).
            Http.Answer board = Http.get(base, "board/health");
            assertEquals(200, board.status(), board.body());
            assertTrue(board.json().path("kafkaUnreachable").asText().contains("no answer from the Kafka cluster"),
                    board.body());
            // Where the models run is on /prometheus from the start (auto, the default; PyTorch's CPU build here).
            String device = "reescreen_model_device_info{device=\"cpu\",requested=\"auto\"} 1";
            assertTrue(Http.get(base, "prometheus").body().lines().anyMatch(device::equals), "/prometheus has " + device);
        }
    }

    /** A loopback port nobody listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
