package io.reescreen.screener.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.reescreen.screener.topology.ScreenerStreamsConfig;
import io.reescreen.screener.errors.ContinueOnDeserializationError;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** What the factory puts into the {@code screener} builder's configuration, and what it leaves to the operator. */
class ScreenerStreamsWiringTest {

    private final InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();

    @Test
    void theScreenersSettingsFillWhatIsNotConfigured() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "screener-a");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
        ScreenerFactory.applyStreamsConfig(config, metrics, Optional.of("screener-a.local:8081"));
        assertEquals("screener-a", config.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(ContinueOnDeserializationError.class,
                config.get(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS, config.get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG));
        assertEquals("screener-a.local:8081", config.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        assertSame(metrics, config.get(ScreenerStreamsConfig.METRICS_CONFIG));
        assertEquals("false", config.get(ScreenerFactory.START_KAFKA_STREAMS), "started after the HTTP server");
    }

    @Test
    void configuredValuesWinButTheKTableOptimisationStays() {
        Properties config = new Properties();
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "pod-3.screener:8080");
        config.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.MERGE_REPARTITION_TOPICS);
        ScreenerFactory.applyStreamsConfig(config, metrics, Optional.of("ignored:1"));
        assertEquals(StreamsConfig.AT_LEAST_ONCE, config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("pod-3.screener:8080", config.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        assertEquals(StreamsConfig.MERGE_REPARTITION_TOPICS + "," + StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS,
                config.get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG));
        assertEquals(ScreenerProperties.DEFAULT_APPLICATION_ID, config.get(StreamsConfig.APPLICATION_ID_CONFIG));

        Properties all = new Properties();
        all.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        ScreenerFactory.applyStreamsConfig(all, metrics, Optional.empty());
        assertEquals(StreamsConfig.OPTIMIZE, all.get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG));
        assertFalse(all.containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG), "a random port cannot be advertised");
        new StreamsConfig(all); // a configuration Kafka accepts
    }
}
