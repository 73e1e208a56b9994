package io.reescreen.screener.app;

import io.micronaut.context.annotation.Requires;
import io.reescreen.model.ensemble.ModelDevice;
import io.reescreen.model.training.BootstrapModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.screener.topology.ScreenerSerdes;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.topology.ScreenerStreamsConfig;
import io.reescreen.screener.topology.ScreenerTopology;
import io.reescreen.screener.errors.RecordLimitClientSupplier;
import io.reescreen.screener.health.BrokerProbe;
import io.reescreen.screener.metrics.MicrometerScreenerMetrics;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.partition.ProducerPartitionCheck;
import io.reescreen.screener.predict.InputBacklog;
import io.micrometer.core.instrument.Gauge;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.streams.ServerTls;
import io.reescreen.streams.ServiceConnections;
import io.reescreen.streams.StaticMembership;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screener as Micronaut beans, in micronaut-kafka's style: the topology goes into the {@code @Named("screener")}
 * {@link ConfiguredStreamBuilder} (its configuration is {@code kafka.streams.screener.*} over {@code kafka.*}), and
 * micronaut-kafka-streams builds the KafkaStreams from it; {@link ScreenerRuntime} starts it once the HTTP server is
 * up and closes it before the model on shutdown.
 *
 * <p>The builder's configuration gets {@link ScreenerStreamsConfig}'s settings (exactly_once_v2, the exception
 * handlers, {@code topology.optimization=reuse.ktable.source.topics}) wherever the configuration does not set its
 * own, and an {@code application.server} for interactive queries made of {@value ScreenerProperties#ADVERTISED_HOST}
 * and the HTTP port.
 */
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Factory
public class ScreenerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenerFactory.class);
    /** micronaut-kafka-streams' per-stream switch (a builder configuration entry, not a Kafka setting). */
    static final String START_KAFKA_STREAMS = "start-kafka-streams";

    /** Every {@code reescreen.screener.*} key {@link ScreenerSettings#fromProperties} reads. */
    static final List<String> SETTINGS_KEYS = List.of(ScreenerSettings.MODEL_NAME, ScreenerSettings.MISSING_OXIDES,
            ScreenerSettings.BY_DIFFERENCE_OXIDE, ScreenerSettings.BELOW_DETECTION, ScreenerSettings.MIN_TOTAL_WT_PCT,
            ScreenerSettings.MAX_TOTAL_WT_PCT, ScreenerSettings.MAX_FUTURE_SKEW, ScreenerSettings.REQUIRE_LOT_INFO,
            ScreenerSettings.THRESHOLD, ScreenerSettings.THRESHOLD_UNIT, ScreenerSettings.ALERT_PROBABILITY,
            ScreenerSettings.ALERT_HYSTERESIS, ScreenerSettings.ALERT_MIN_READINGS,
            ScreenerSettings.ALERT_TOP_ATTRIBUTIONS, ScreenerSettings.NOISE_SAMPLES,
            ScreenerSettings.DEFAULT_RELATIVE_SIGMA, ScreenerSettings.PREDICTION_SEED,
            ScreenerSettings.MIN_RELATIVE_SIGMA, ScreenerSettings.PERSISTENT_STORES, ScreenerSettings.PREDICTION_INTERVAL,
            ScreenerSettings.EARLIEST_TIMESTAMP, ScreenerSettings.PRODUCERS_PARTITION_BY_LOT_ID,
            ScreenerSettings.LOT_PARTITIONS, ScreenerSettings.LOT_HOP_MISROUTED_ONLY, ScreenerSettings.LOT_RETENTION,
            ScreenerSettings.LOT_RETENTION_SWEEP_INTERVAL, ScreenerSettings.LOT_RETENTION_SWEEP_BATCH,
            ScreenerSettings.PREDICTION_BACKLOG_INTERVAL, ScreenerSettings.PREDICTION_BACKLOG_RECORDS);

    @Singleton
    ScreenerSettings screenerSettings(Environment environment) {
        Map<String, Object> values = new HashMap<>();
        for (String key : SETTINGS_KEYS) {
            environment.getProperty(key, String.class).ifPresent(v -> values.put(key, v));
        }
        ScreenerSettings settings = ScreenerSettings.fromProperties(values);
        LOG.info("screener settings: {}", settings);
        return settings;
    }

    /**
     * How every client of the screener reaches Kafka and the registry (ServiceConnections: {@code kafka.*},
     * {@code reescreen.kafka.config}, {@code reescreen.registry.*}, {@code apicurio.registry.*}), read once.
     */
    @Singleton
    ServiceConnections serviceConnections(Environment environment) {
        ServiceConnections connections = ServiceConnections.from(environment);
        LOG.info("{}", connections.describe());
        return connections;
    }

    @Singleton
    RegistrySerdes registrySerdes(Environment environment, ServiceConnections connections) {
        boolean autoRegister = environment.getProperty(ScreenerProperties.REGISTRY_AUTO_REGISTER, Boolean.class)
                .orElse(true);
        LOG.info("schema registry {} (auto-register {})", connections.registry().url(), autoRegister);
        return new RegistrySerdes(connections.registry(), autoRegister);
    }

    @Singleton
    ScreenerSerdes screenerSerdes(RegistrySerdes registry) {
        return ScreenerSerdes.fromRegistry(registry);
    }

    /**
     * Where the models load: {@value ModelDevice#PROPERTY} (auto, cpu or gpu; {@code REESCREEN_MODEL_DEVICE} in the
     * environment), resolved before the first model and logged; {@code gpu} without one fails the start.
     */
    @Singleton
    ModelDevice modelDevice(Environment environment) {
        return ModelDevice.select(ModelDevice.Choice.parse(
                environment.getProperty(ModelDevice.PROPERTY, String.class).orElse(null)));
    }

    /** @param device taken so that the device is resolved (or the start failed) before the first model loads */
    @Singleton
    BootstrapModel bootstrapModel(Environment environment, ModelDevice device) {
        Optional<String> file = environment.getProperty(ScreenerProperties.BOOTSTRAP_MODEL, String.class)
                .filter(s -> !s.isBlank());
        if (file.isPresent()) {
            return BootstrapModel.fromFile(Path.of(file.get()), ScreenerProperties.BOOTSTRAP_MODEL);
        }
        BootstrapModel.SyntheticSpecification d = BootstrapModel.SyntheticSpecification.DEFAULT;
        return BootstrapModel.trainSynthetic(new BootstrapModel.SyntheticSpecification(
                environment.getProperty(ScreenerProperties.BOOTSTRAP_ROWS, Integer.class).orElse(d.rows()),
                environment.getProperty(ScreenerProperties.BOOTSTRAP_MEMBERS, Integer.class).orElse(d.members()),
                environment.getProperty(ScreenerProperties.BOOTSTRAP_EPOCHS, Integer.class).orElse(d.epochs()),
                environment.getProperty(ScreenerProperties.BOOTSTRAP_SEED, Long.class).orElse(d.seed())));
    }

    /**
     * One per KafkaStreams instance. {@link ScreenerRuntime} closes it on shutdown right after the streams; the
     * pre-destroy hook is a second, harmless close for contexts stopped without a shutdown event.
     */
    @Singleton
    @Bean(preDestroy = "close")
    CurrentModel currentModel(ScreenerSettings settings, BootstrapModel bootstrap) {
        CurrentModel models = CurrentModel.bootstrap(settings.modelName(), bootstrap.artifact(), bootstrap.label());
        LOG.info("serving bootstrap model {} {} ({})", models.info().modelName(), models.info().version(),
                bootstrap.source());
        return models;
    }

    @Singleton
    MicrometerScreenerMetrics screenerMetrics(Optional<MeterRegistry> registry, CurrentModel models,
                                              ModelDevice device) {
        MicrometerScreenerMetrics metrics = new MicrometerScreenerMetrics(registry.orElseGet(SimpleMeterRegistry::new),
                models);
        metrics.gaugeDevice(device);
        return metrics;
    }

    /**
     * Asks the Kafka cluster in the background whether it answers, for readiness ({@code /health} must answer within
     * a second while the broker is down); same address and security settings as the streams (the connection).
     */
    @Context
    @Bean(preDestroy = "close")
    BrokerProbe brokerProbe(ServiceConnections connections, Environment environment) {
        Duration interval = environment.getProperty(ScreenerProperties.BROKER_PROBE_INTERVAL, Duration.class)
                .orElse(Duration.ofSeconds(2));
        Duration timeout = environment.getProperty(ScreenerProperties.BROKER_PROBE_TIMEOUT, Duration.class)
                .orElse(Duration.ofSeconds(1));
        return new BrokerProbe(connections.kafka().clientConfig(Map.of()), interval, timeout).start();
    }

    /**
     * The readings this instance has not taken yet, for the prediction flush (it scores less often while behind) and
     * as the gauge {@value #INPUT_BACKLOG_GAUGE}. {@link ScreenerRuntime} starts it on the screener's streams.
     */
    @Singleton
    @Bean(preDestroy = "close")
    InputBacklog inputBacklog(ScreenerSettings settings, MicrometerScreenerMetrics metrics) {
        InputBacklog backlog = new InputBacklog(settings.predictionBacklogRecords());
        Gauge.builder(INPUT_BACKLOG_GAUGE, backlog, InputBacklog::records)
                .description("readings on xrf.readings (and its internal copy) not yet taken by this instance's"
                        + " stream threads: the sum of their consumers' records-lag")
                .baseUnit("records")
                .register(metrics.registry());
        return backlog;
    }

    static final String INPUT_BACKLOG_GAUGE = "reescreen.screener.input.backlog";

    /**
     * Replaces micronaut-kafka-streams' default client supplier: the streams' producer refuses oversize records
     * before they can abort its transaction ({@link RecordLimitClientSupplier}).
     */
    @Singleton
    KafkaClientSupplier kafkaClientSupplier() {
        return new RecordLimitClientSupplier();
    }

    /**
     * The screener's topology on the {@code screener} stream builder. Micronaut builds and starts the KafkaStreams
     * once every KStream bean exists.
     */
    @Singleton
    @Named(ScreenerProperties.STREAM_NAME)
    KStream<byte[], byte[]> screenerStream(@Named(ScreenerProperties.STREAM_NAME) ConfiguredStreamBuilder builder,
                                           ScreenerSettings settings, ScreenerSerdes serdes, CurrentModel models,
                                           MicrometerScreenerMetrics metrics, ServiceConnections connections,
                                           Environment environment, InputBacklog backlog) {
        // The connection's address and security settings (also those of reescreen.kafka.config, which Micronaut does
        // not read), so Streams' own producers, consumers and admin client carry them.
        connections.kafka().applyTo(builder.getConfiguration());
        applyStreamsConfig(builder.getConfiguration(), metrics, advertisedServer(environment));
        ProducerPartitionCheck.onCluster(settings.producersPartitionByLotId(), settings.lotHopMisroutedOnly(),
                settings.lotPartitions(), connections.kafka(),
                environment.getProperty(ScreenerProperties.PARTITION_CHECK_TIMEOUT, Duration.class)
                        .orElse(ProducerPartitionCheck.DEFAULT_TIMEOUT),
                ScreenerSettings.PRODUCERS_PARTITION_BY_LOT_ID,
                ScreenerSettings.LOT_HOP_MISROUTED_ONLY);
        StaticMembership membership = StaticMembership.of(ScreenerProperties.STREAM_NAME);
        membership.apply(builder.getConfiguration(),
                environment.getProperty(membership.instanceNameProperty(), String.class));
        return ScreenerTopology.addTo(builder, settings, serdes, models, metrics, backlog);
    }

    /**
     * {@link ScreenerStreamsConfig}'s settings under the configured ones: a configured value wins (e.g.
     * {@code kafka.streams.screener.processing.guarantee=at_least_once}), except that the topology optimisation
     * always includes {@code reuse.ktable.source.topics} and the handlers always count with the screener's metrics.
     */
    static void applyStreamsConfig(Properties config, ScreenerMetrics metrics, Optional<String> advertisedServer) {
        config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, ScreenerProperties.DEFAULT_APPLICATION_ID);
        config.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        Properties screener = ScreenerStreamsConfig.properties(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
                config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG), metrics);
        screener.forEach(config::putIfAbsent);
        config.put(ScreenerStreamsConfig.METRICS_CONFIG, metrics);
        // ScreenerRuntime starts the streams on a thread of its own once the context is up: KafkaStreams#start blocks until the global
        // store is loaded, and micronaut-kafka-streams would call it while the application context starts.
        config.put(START_KAFKA_STREAMS, "false");
        config.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG,
                withReuse(String.valueOf(config.get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG))));
        if (config.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, "").isBlank()) {
            advertisedServer.ifPresentOrElse(
                    server -> config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server),
                    () -> LOG.warn("no {} (the HTTP port is random): GET /lots answers only for lots on this "
                            + "instance", StreamsConfig.APPLICATION_SERVER_CONFIG));
        }
        LOG.info("screener stream: application.id {}, bootstrap {}, processing.guarantee {}, application.server {}",
                config.get(StreamsConfig.APPLICATION_ID_CONFIG), config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                config.getOrDefault(StreamsConfig.APPLICATION_SERVER_CONFIG, "(none)"));
    }

    /** {@code host:port} of this instance's HTTP server (its HTTPS port with TLS on), when the port is fixed. */
    static Optional<String> advertisedServer(Environment environment) {
        int unset = ServerTls.enabled(environment) ? ServerTls.DEFAULT_PORT
                : environment.getActiveNames().contains(Environment.TEST) ? -1 : 8080;
        int port = environment.getProperty(ServerTls.portKey(environment), Integer.class).orElse(unset);
        if (port <= 0) {
            return Optional.empty();
        }
        String host = environment.getProperty(ScreenerProperties.ADVERTISED_HOST, String.class)
                .filter(s -> !s.isBlank()).orElse("localhost");
        return Optional.of(host + ":" + port);
    }

    private static String withReuse(String configured) {
        if (configured == null || configured.isBlank() || "null".equals(configured)
                || StreamsConfig.NO_OPTIMIZATION.equals(configured.trim())) {
            return ScreenerTopology.OPTIMIZATION;
        }
        List<String> parts = Arrays.stream(configured.split(",")).map(String::trim).toList();
        if (parts.contains(StreamsConfig.OPTIMIZE) || parts.contains(ScreenerTopology.OPTIMIZATION)) {
            return configured;
        }
        return configured + "," + ScreenerTopology.OPTIMIZATION;
    }
}
