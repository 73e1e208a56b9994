package io.reescreen.screener.topology;

import io.reescreen.screener.errors.ContinueOnDeserializationError;
import io.reescreen.screener.errors.ContinueOnProcessingError;
import io.reescreen.screener.errors.HandlerMetrics;
import io.reescreen.screener.errors.ProductionErrorPolicy;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.validate.RecordTimeOrWallClock;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration the screener's topology expects: exactly-once v2, handlers that log, count and
 * continue instead of stopping the stream (production errors: {@link ProductionErrorPolicy}, which continues only
 * where continuing is real), and the topology optimisation that lets the lots KTable use its source topic as
 * changelog. Where Kafka is (and anything else) the caller adds to the returned Properties. Run it with
 * {@link io.reescreen.screener.errors.RecordLimitClientSupplier}, so an oversize output is dropped before it can
 * abort the transaction.
 */
public final class ScreenerStreamsConfig {

    /** The {@link ScreenerMetrics} instance the exception handlers count with (an object value, not a string). */
    public static final String METRICS_CONFIG = HandlerMetrics.CONFIG;

    private ScreenerStreamsConfig() {
    }

    /**
     * @param applicationId    the consumer group and the prefix of changelog topics; one per screener deployment
     * @param bootstrapServers e.g. {@code KAFKA_BOOTSTRAP_SERVERS}
     * @param metrics          shared with the topology, so handler skips show up beside the rest
     */
    public static Properties properties(String applicationId, String bootstrapServers, ScreenerMetrics metrics) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, Objects.requireNonNull(applicationId, "applicationId"));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ContinueOnDeserializationError.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ContinueOnProcessingError.class);
        p.put(StreamsConfig.DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionErrorPolicy.class);
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, ScreenerTopology.OPTIMIZATION);
        // A record without a timestamp would stop the stream under the default extractor.
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, RecordTimeOrWallClock.class);
        // Every serde is explicit in the topology; these only matter to tools that read the stores by default.
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(METRICS_CONFIG, Objects.requireNonNull(metrics, "metrics"));
        return p;
    }
}
