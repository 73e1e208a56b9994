package io.reescreen.retrainer.app;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.DisabledBeanException;
import jakarta.inject.Singleton;

/**
 * micronaut-kafka-streams makes a stream builder for {@code default} and for every {@code kafka.streams.<name>}
 * configured (the screener's, where its application.properties shares the classpath), and would start a KafkaStreams
 * for each; an empty one does not start. The retrainer runs only {@code retrainer}; the others are disabled here.
 */
@Singleton
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class OtherStreamsUnused implements BeanCreatedEventListener<ConfiguredStreamBuilder> {

    @Override
    public ConfiguredStreamBuilder onCreated(BeanCreatedEvent<ConfiguredStreamBuilder> event) {
        ConfiguredStreamBuilder builder = event.getBean();
        if (!RetrainerProperties.STREAM_NAME.equals(builder.getName())) {
            throw new DisabledBeanException("the retrainer runs only the '" + RetrainerProperties.STREAM_NAME
                    + "' stream; the '" + builder.getName() + "' builder is unused here");
        }
        return builder;
    }
}
