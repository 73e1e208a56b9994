package io.reescreen.retrainer.app;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.reescreen.model.training.BootstrapModel;
import io.reescreen.retrainer.RetrainerSerdes;
import io.reescreen.retrainer.champion.ChampionTracker;
import io.reescreen.retrainer.examples.ExampleJoinSettings;
import io.reescreen.retrainer.examples.IgnoredRecords;
import io.reescreen.retrainer.examples.LabelledExampleTopology;
import io.reescreen.retrainer.examples.LotPartitionCheck;
import io.reescreen.retrainer.examples.LotPartitioning;
import io.reescreen.retrainer.follow.ExampleFeed;
import io.reescreen.retrainer.held.HeldAcceptance;
import io.reescreen.retrainer.held.HeldLabResults;
import io.reescreen.retrainer.release.KafkaAttemptRecorder;
import io.reescreen.retrainer.streams.DropUnwritableRecordHandler;
import io.reescreen.retrainer.streams.SkipFailedRecordHandler;
import io.reescreen.retrainer.release.KafkaReleasePublisher;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.retrainer.training.RetrainingSettings;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.RetrainingAttempt;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.streams.ServiceConnections;
import io.reescreen.streams.StaticMembership;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retrainer as Micronaut beans: the labelled-example join on the {@code @Named("retrainer")}
 * {@link ConfiguredStreamBuilder} ({@code kafka.streams.retrainer.*} over {@code kafka.*}), the champion tracker, the
 * release publisher and the retraining loop they serve. {@link RetrainerRuntime} starts and stops them in order.
 */
@Factory
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class RetrainerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainerFactory.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    /** micronaut-kafka-streams' per-stream switch (a builder configuration entry, not a Kafka setting). */
    static final String START_KAFKA_STREAMS = "start-kafka-streams";

    @Singleton
    RetrainerConfig retrainerConfig(Environment env) {
        RetrainerConfig config = new RetrainerConfig(
                env.getProperty(RetrainerProperties.MODEL_NAME, String.class).orElse(RetrainerConfig.DEFAULT_MODEL_NAME),
                env.getProperty(RetrainerProperties.RETRAIN_EVERY, Integer.class)
                        .orElse(RetrainerConfig.DEFAULT_RETRAIN_EVERY),
                env.getProperty(RetrainerProperties.SCHEDULE, Duration.class).orElse(Duration.ZERO),
                env.getProperty(RetrainerProperties.AUTH_TOKEN, String.class).filter(s -> !s.isBlank()));
        LOG.info("retrainer: {}", config);
        return config;
    }

    @Singleton
    RetrainingSettings retrainingSettings(Environment env) {
        RetrainingSettings d = RetrainingSettings.defaults();
        RetrainingSettings settings = new RetrainingSettings(
                env.getProperty(RetrainerProperties.FULL_RETRAIN_MIN_EXAMPLES, Integer.class)
                        .orElse(d.fullRetrainMinExamples()),
                d.transfer(), d.full(),
                env.getProperty(RetrainerProperties.GATE_REPETITIONS, Integer.class).orElse(d.gateRepetitions()),
                env.getProperty(RetrainerProperties.GATE_MARGIN, Double.class).orElse(d.gateMargin()),
                env.getProperty(RetrainerProperties.MIN_EXAMPLES, Integer.class).orElse(d.minExamples()),
                env.getProperty(RetrainerProperties.SEED, Long.class).orElse(d.seed()));
        LOG.info("retraining settings: {}", settings);
        return settings;
    }

    @Singleton
    ExampleJoinSettings exampleJoinSettings(Environment env) {
        ExampleJoinSettings d = ExampleJoinSettings.defaults();
        return new ExampleJoinSettings(
                env.getProperty(RetrainerProperties.JOIN_MIN_SHOT_COUNT, Integer.class).orElse(d.minShotCount()),
                env.getProperty(RetrainerProperties.JOIN_MAX_WAIT, Duration.class).orElse(d.maxWait()),
                env.getProperty(RetrainerProperties.JOIN_EXPIRY_CHECK_EVERY, Duration.class).orElse(d.expiryCheckEvery()),
                env.getProperty(RetrainerProperties.JOIN_HOLD_FACTOR, Double.class).orElse(d.holdFactor()));
    }

    @Singleton
    LotPartitioning lotPartitioning(Environment env) {
        LotPartitioning d = LotPartitioning.defaults();
        LotPartitioning partitioning = new LotPartitioning(
                env.getProperty(RetrainerProperties.PRODUCERS_PARTITION_BY_LOT_ID, Boolean.class)
                        .orElse(d.producersPartitionByLotId()),
                env.getProperty(RetrainerProperties.LOT_PARTITIONS, Integer.class).orElse(d.lotPartitions()));
        LOG.info("lot partitioning: {}", partitioning);
        return partitioning;
    }

    /**
     * How every client of the retrainer reaches Kafka and the registry (ServiceConnections: {@code kafka.*},
     * {@code reescreen.kafka.config}, {@code reescreen.registry.*}, {@code apicurio.registry.*}), read once.
     */
    @Singleton
    ServiceConnections serviceConnections(Environment env) {
        ServiceConnections connections = ServiceConnections.from(env);
        LOG.info("{}", connections.describe());
        return connections;
    }

    @Singleton
    RegistrySerdes registrySerdes(Environment env, ServiceConnections connections) {
        boolean autoRegister = env.getProperty(RetrainerProperties.REGISTRY_AUTO_REGISTER, Boolean.class).orElse(true);
        LOG.info("schema registry {} (auto-register {})", connections.registry().url(), autoRegister);
        return new RegistrySerdes(connections.registry(), autoRegister);
    }

    @Singleton
    RetrainerSerdes retrainerSerdes(RegistrySerdes registry) {
        return RetrainerSerdes.fromRegistry(registry);
    }

    /** The same keys and defaults as the screener's, so both name the same synthetic bootstrap by the same version. */
    @Singleton
    BootstrapModel bootstrapModel(Environment env) {
        Optional<String> file = env.getProperty(RetrainerProperties.BOOTSTRAP_MODEL, String.class)
                .filter(s -> !s.isBlank());
        if (file.isPresent()) {
            return BootstrapModel.fromFile(Path.of(file.get()), RetrainerProperties.BOOTSTRAP_MODEL);
        }
        BootstrapModel.SyntheticSpecification d = BootstrapModel.SyntheticSpecification.DEFAULT;
        return BootstrapModel.trainSynthetic(new BootstrapModel.SyntheticSpecification(
                env.getProperty(RetrainerProperties.BOOTSTRAP_ROWS, Integer.class).orElse(d.rows()),
                env.getProperty(RetrainerProperties.BOOTSTRAP_MEMBERS, Integer.class).orElse(d.members()),
                env.getProperty(RetrainerProperties.BOOTSTRAP_EPOCHS, Integer.class).orElse(d.epochs()),
                env.getProperty(RetrainerProperties.BOOTSTRAP_SEED, Long.class).orElse(d.seed())));
    }

    @Singleton
    ChampionTracker championTracker(RetrainerConfig config, BootstrapModel bootstrap, RegistrySerdes registry) {
        return new ChampionTracker(config.modelName(), bootstrap, registry.valueSerde(ModelRelease.class).deserializer());
    }

    @Singleton
    @Bean(preDestroy = "close")
    KafkaReleasePublisher releasePublisher(ServiceConnections connections, RegistrySerdes registry,
                                           ChampionTracker champion) {
        return new KafkaReleasePublisher(new KafkaProducer<>(producerConfig(connections, "reescreen-retrainer-releases"),
                new StringSerializer(),
                registry.valueSerde(ModelRelease.class).serializer()), PUBLISH_TIMEOUT, champion::published);
    }

    @Singleton
    @Bean(preDestroy = "close")
    KafkaAttemptRecorder attemptRecorder(ServiceConnections connections, RegistrySerdes registry,
                                         RetrainerConfig config) {
        return new KafkaAttemptRecorder(config.modelName(), new KafkaProducer<>(producerConfig(connections,
                "reescreen-retrainer-attempts"), new StringSerializer(),
                registry.valueSerde(RetrainingAttempt.class).serializer()), PUBLISH_TIMEOUT);
    }

    @Singleton
    RetrainingLoop retrainingLoop(RetrainerConfig config, RetrainingSettings settings, ChampionTracker champion,
                                  KafkaReleasePublisher publisher, KafkaAttemptRecorder recorder, Environment env) {
        boolean siteModels = env.getProperty(RetrainerProperties.SITE_MODELS, Boolean.class).orElse(true);
        if (!siteModels) {
            LOG.info("site models off: every site's examples train the one base model");
        }
        return new RetrainingLoop(config.modelName(), settings, config.retrainEvery(), champion, publisher, recorder,
                Clock.systemUTC(), siteModels);
    }

    @Singleton
    ExampleFeed exampleFeed(RetrainingLoop loop, RetrainerSerdes serdes) {
        return new ExampleFeed(loop, serdes.trainingExample().deserializer());
    }

    /** Consumers of whole topics, without a group: the retrainer re-reads examples and releases on every start. */
    @Singleton
    @Named(RetrainerProperties.STREAM_NAME)
    Supplier<Consumer<byte[], byte[]>> topicReaders(ServiceConnections connections) {
        return () -> new KafkaConsumer<>(connections.kafka().clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The join on the {@code retrainer} stream builder; Micronaut builds the KafkaStreams from it. */
    @Singleton
    @Named(RetrainerProperties.STREAM_NAME)
    KStream<Object, Object> retrainerStream(@Named(RetrainerProperties.STREAM_NAME) ConfiguredStreamBuilder builder,
                                            ExampleJoinSettings join, LotPartitioning partitioning,
                                            RetrainerSerdes serdes, IgnoredRecords ignored,
                                            ServiceConnections connections, Environment env) {
        LotPartitionCheck.onCluster(partitioning, connections.kafka(),
                env.getProperty(RetrainerProperties.PARTITION_CHECK_TIMEOUT, Duration.class)
                        .orElse(LotPartitionCheck.DEFAULT_TIMEOUT),
                RetrainerProperties.LOT_PARTITIONS);
        // The connection's address and security settings (also those of reescreen.kafka.config, which Micronaut does
        // not read), so Streams' own producers, consumers and admin client carry them.
        connections.kafka().applyTo(builder.getConfiguration());
        applyStreamsConfig(builder.getConfiguration());
        StaticMembership membership = StaticMembership.of(RetrainerProperties.STREAM_NAME);
        membership.apply(builder.getConfiguration(), env.getProperty(membership.instanceNameProperty(), String.class));
        return LabelledExampleTopology.addTo(builder, join, partitioning, serdes, ignored);
    }

    @Singleton
    HeldLabResults heldLabResults(RetrainerSerdes serdes) {
        return new HeldLabResults(serdes.trainingExample().deserializer());
    }

    @Singleton
    @Bean(preDestroy = "close")
    HeldAcceptance heldAcceptance(ServiceConnections connections, RegistrySerdes registry, HeldLabResults held) {
        return new HeldAcceptance(new KafkaProducer<>(producerConfig(connections, "reescreen-retrainer-held"),
                new StringSerializer(), registry.valueSerde(TrainingExample.class).serializer()), held, PUBLISH_TIMEOUT);
    }

    /** Records on lots and lot.compositions the join passed over, by reason (GET /retrain, metrics). */
    @Singleton
    IgnoredRecords ignoredRecords() {
        return new IgnoredRecords();
    }

    /**
     * Exactly-once. Every input is read as bytes and checked by the join itself (lab results dead-lettered, lots and
     * compositions passed over and counted); a processing error the join did not foresee skips the record (Kafka's
     * default would stop the client), and a record that cannot be written because of itself is dropped and counted.
     * Each is logged at ERROR and counted in {@link StreamFailures}. A configured value wins.
     */
    static void applyStreamsConfig(Properties config) {
        config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, RetrainerProperties.DEFAULT_APPLICATION_ID);
        config.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.putIfAbsent(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        config.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkipFailedRecordHandler.class.getName());
        config.putIfAbsent(StreamsConfig.DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DropUnwritableRecordHandler.class.getName());
        config.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.putIfAbsent(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        // RetrainerRuntime starts the streams once the context is up, then the followers, in that order.
        config.put(START_KAFKA_STREAMS, "false");
    }

    /** An idempotent producer with acks=all on the service's connection (also the performance factory's). */
    public static Map<String, Object> producerConfig(ServiceConnections connections, String clientId) {
        return connections.kafka().clientConfig(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"));
    }
}
