package io.reescreen.screener.testing;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.release.ReleaseKey;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.topology.ScreenerStreamsConfig;
import io.reescreen.screener.topology.ScreenerTopology;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.serving.CurrentModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The screener's topology on a TopologyTestDriver, with its topics, plain Avro serdes and in-memory metrics. */
public final class ScreenerHarness implements AutoCloseable {

    /** The drivers' wall clock at start (after the test shots were sampled). */
    public static final Instant WALL_CLOCK = Instant.parse("2025-06-01T12:00:00Z");
    /** Record timestamps of piped readings. */
    public static final Instant RECORD_TIME = Instant.parse("2025-06-01T09:00:00Z");

    public final TopologyTestDriver driver;
    public final InMemoryScreenerMetrics metrics;
    public final CurrentModel models;
    public final TestInputTopic<byte[], byte[]> readings;
    public final TestInputTopic<String, LotInfo> lots;
    /** lots as raw bytes, for records that are not a LotInfo. */
    public final TestInputTopic<byte[], byte[]> rawLots;
    public final TestInputTopic<String, byte[]> releases;
    public final TestOutputTopic<byte[], byte[]> dlq;
    public final TestOutputTopic<byte[], byte[]> lotsDlq;
    public final TestOutputTopic<String, LotComposition> compositions;
    public final TestOutputTopic<String, ReePrediction> predictions;
    public final TestOutputTopic<String, HighReeAlert> alerts;

    private ScreenerHarness(ScreenerSettings settings, ModelArtifact bootstrap, ScreenerMetrics topologyMetrics,
                            InMemoryScreenerMetrics metrics) {
        this.metrics = metrics;
        this.models = CurrentModel.bootstrap(settings.modelName(), bootstrap, "synthetic");
        Properties props = ScreenerStreamsConfig.properties("screener-test", "unused:9092", metrics);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("screener-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(ScreenerTopology.buildTopology(settings, TestSerdes.avro(), models,
                topologyMetrics), props, WALL_CLOCK);
        readings = driver.createInputTopic(Topics.XRF_READINGS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        lots = driver.createInputTopic(Topics.LOTS.name(), new StringSerializer(), TestSerdes.LOT_INFO.serializer());
        rawLots = driver.createInputTopic(Topics.LOTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        releases = driver.createInputTopic(Topics.MODEL_RELEASES.name(), new StringSerializer(), new ByteArraySerializer());
        dlq = driver.createOutputTopic(Topics.XRF_READINGS_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        lotsDlq = driver.createOutputTopic(Topics.LOTS_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        compositions = driver.createOutputTopic(Topics.LOT_COMPOSITIONS.name(), new StringDeserializer(),
                TestSerdes.COMPOSITION.deserializer());
        predictions = driver.createOutputTopic(Topics.REE_PREDICTIONS.name(), new StringDeserializer(),
                TestSerdes.PREDICTION.deserializer());
        alerts = driver.createOutputTopic(Topics.REE_ALERTS.name(), new StringDeserializer(), TestSerdes.ALERT.deserializer());
    }

    public static ScreenerHarness start(ScreenerSettings settings, ModelArtifact bootstrap) {
        InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
        return new ScreenerHarness(settings, bootstrap, metrics, metrics);
    }

    /** With different metrics in the topology (e.g. a faulty one) than in the exception handlers. */
    public static ScreenerHarness start(ScreenerSettings settings, ModelArtifact bootstrap, ScreenerMetrics topologyMetrics,
                                        InMemoryScreenerMetrics handlerMetrics) {
        return new ScreenerHarness(settings, bootstrap, topologyMetrics, handlerMetrics);
    }

    /** Pipes a reading keyed by its own lot id. */
    public void send(XrfReading reading) {
        send(reading.getLotId(), TestSerdes.READING.toBytes(reading));
    }

    public void send(String key, byte[] value) {
        readings.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, RECORD_TIME);
    }

    /** The lot's metadata the screener holds, or null. */
    public LotInfo lotInfo(String lotId) {
        ValueAndTimestamp<LotInfo> held = driver.<String, LotInfo>getTimestampedKeyValueStore(StoreNames.LOT_INFO)
                .get(lotId);
        return held == null ? null : held.value();
    }

    /** Publishes on models.releases under the release's own key ({@link ReleaseKey}: name, or name@site). */
    public void publish(ModelRelease release) {
        releases.pipeInput(ReleaseKey.of(release).toString(), TestSerdes.RELEASE.toBytes(release));
    }

    @Override
    public void close() {
        driver.close();
        models.close();
    }
}
