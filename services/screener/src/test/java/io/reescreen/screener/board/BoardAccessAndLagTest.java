package io.reescreen.screener.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class BoardAccessAndLagTest {

    @Test
    void onlyTheExactTokenAfterBearerIsAccepted() {
        assertEquals(Optional.of("s3cret"), AccessTokens.bearer("Bearer s3cret"));
        assertEquals(Optional.of("s3cret"), AccessTokens.bearer("bearer s3cret"));
        assertTrue(AccessTokens.bearer("Basic czNjcmV0").isEmpty());
        assertTrue(AccessTokens.bearer(null).isEmpty());
        assertTrue(AccessTokens.matches("s3cret", "s3cret"));
        assertFalse(AccessTokens.matches("s3cret", "s3cre"));
        assertFalse(AccessTokens.matches("s3cret", "s3cret "));
        assertFalse(AccessTokens.matches("s3cret", null));
    }

    @Test
    void settingsNeverPrintTheTokensAndRefuseNonsense() {
        BoardSettings settings = BoardSettings.of(Map.of(BoardSettings.OPERATOR_TOKEN, "op-secret",
                BoardSettings.VIEWER_TOKEN, "view-secret", BoardSettings.WINDOW, "PT2H"));
        assertEquals(Duration.ofHours(2), settings.window());
        assertFalse(settings.toString().contains("secret"), settings.toString());
        assertTrue(BoardSettings.of(Map.of(BoardSettings.OPERATOR_TOKEN, "  ")).operatorToken().isEmpty(),
                "a blank token is no token: acknowledging stays refused");
        assertThrows(IllegalArgumentException.class, () -> BoardSettings.of(Map.of(BoardSettings.MAX_LOTS, "0")));
        assertThrows(IllegalArgumentException.class, () -> BoardSettings.of(Map.of(BoardSettings.WINDOW, "12 hours")));
    }

    @Test
    void theLagIsTheStreamThreadsRecordsLagSummedWithoutRestoreOrGlobalConsumers() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        put(metrics, "app-1-StreamThread-1-consumer", "0", 5);
        put(metrics, "app-1-StreamThread-1-consumer", "1", 7);
        put(metrics, "app-1-StreamThread-1-restore-consumer", "0", 1000);
        put(metrics, "app-1-global-consumer", "0", 1000);
        assertEquals(12L, StreamsLag.of(metrics));
        assertNull(StreamsLag.of(Map.of()), "no partitions: unknown, not 0");
    }

    @Test
    void theLagGrowsOnlyWhenItRoseAtEachOfTheLastSamples() {
        StreamsLag lag = new StreamsLag();
        long t = 0;
        assertFalse(lag.growing(10L, t));
        assertFalse(lag.growing(20L, t += 5_000));
        assertFalse(lag.growing(30L, t += 5_000));
        assertTrue(lag.growing(40L, t += 5_000));
        assertTrue(lag.growing(0L, t + 1_000), "a sample within 5 s of the last is not taken");
        assertFalse(lag.growing(35L, t += 5_000), "it fell once");
    }

    private static void put(Map<MetricName, Metric> metrics, String client, String partition, double lag) {
        MetricName name = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", "t", "partition", partition));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return lag;
            }
        });
    }
}
