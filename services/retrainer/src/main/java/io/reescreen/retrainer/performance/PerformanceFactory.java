package io.reescreen.retrainer.performance;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.reescreen.retrainer.app.RetrainerConfig;
import io.reescreen.retrainer.app.RetrainerFactory;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.schemas.DriftAlarm;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.streams.ServiceConnections;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realised accuracy as beans: the comparison on the join's output (same stream, same transactions), the rolling
 * figures and drift alarms fed from models.performance, and the producer of models.drift.
 */
@Factory
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class PerformanceFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PerformanceFactory.class);
    static final String STREAM_BEAN = RetrainerProperties.STREAM_NAME + "-performance";

    @Singleton
    PerformanceSettings performanceSettings(Environment env) {
        PerformanceSettings d = PerformanceSettings.defaults();
        PerformanceSettings settings = new PerformanceSettings(
                env.getProperty(PerformanceSettings.WINDOW, Integer.class).orElse(d.window()),
                env.getProperty(PerformanceSettings.COVERAGE_FLOOR, Double.class).orElse(d.coverageFloor()),
                env.getProperty(PerformanceSettings.ERROR_FACTOR, Double.class).orElse(d.errorFactor()),
                env.getProperty(PerformanceSettings.MIN_COMPARISONS, Integer.class).orElse(d.minComparisons()),
                env.getProperty(PerformanceSettings.ALERT_PROBABILITY, Double.class).orElse(d.alertProbability()));
        LOG.info("realised accuracy: {}", settings);
        return settings;
    }

    @Singleton
    ComparisonCounts comparisonCounts() {
        return new ComparisonCounts();
    }

    /** On the join's output, so Micronaut builds the retrainer's KafkaStreams with it (every KStream bean is built first). */
    @Singleton
    @Named(STREAM_BEAN)
    KStream<String, ModelPerformance> performanceStream(
            @Named(RetrainerProperties.STREAM_NAME) ConfiguredStreamBuilder builder,
            @Named(RetrainerProperties.STREAM_NAME) KStream<Object, Object> joined, RetrainerConfig config,
            PerformanceSettings settings, RegistrySerdes registry, ComparisonCounts counts) {
        return PerformanceTopology.addTo(builder, joined, config.modelName(), settings.alertProbability(),
                registry.valueSerde(ModelPerformance.class), counts);
    }

    @Singleton
    ReleasedErrors releasedErrors(RegistrySerdes registry) {
        return new ReleasedErrors(registry.valueSerde(ModelRelease.class).deserializer());
    }

    @Singleton
    @Bean(preDestroy = "close")
    DriftAlarmPublisher driftAlarmPublisher(ServiceConnections connections, RegistrySerdes registry) {
        return new DriftAlarmPublisher(new KafkaProducer<>(
                RetrainerFactory.producerConfig(connections, "reescreen-retrainer-drift"), new StringSerializer(),
                registry.valueSerde(DriftAlarm.class).serializer()));
    }

    @Singleton
    PerformanceBoard performanceBoard(PerformanceSettings settings, RegistrySerdes registry, ReleasedErrors released,
                                      DriftAlarmPublisher publisher, MeterRegistry meters) {
        return new PerformanceBoard(settings, registry.valueSerde(ModelPerformance.class).deserializer(), released,
                publisher, meters);
    }
}
