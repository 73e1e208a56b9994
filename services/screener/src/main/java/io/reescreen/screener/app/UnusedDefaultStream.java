package io.reescreen.screener.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.DisabledBeanException;
import jakarta.inject.Singleton;

/**
 * micronaut-kafka-streams makes a {@code default} stream builder besides the named ones, and starts a KafkaStreams for
 * every builder; an empty one does not start ("Topology has no stream threads and no global threads"). The screener
 * has exactly one stream, {@code screener} ({@code kafka.streams.screener.*}), so the unused default builder is
 * disabled here, and with it its KafkaStreams; so is any other service's builder whose configuration is on the same
 * classpath (the retrainer's, in the demo).
 */
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Singleton
public class UnusedDefaultStream implements BeanCreatedEventListener<ConfiguredStreamBuilder> {

    @Override
    public ConfiguredStreamBuilder onCreated(BeanCreatedEvent<ConfiguredStreamBuilder> event) {
        ConfiguredStreamBuilder builder = event.getBean();
        if (!ScreenerProperties.STREAM_NAME.equals(builder.getName())) {
            throw new DisabledBeanException("the screener runs only the '" + ScreenerProperties.STREAM_NAME
                    + "' stream (kafka.streams." + ScreenerProperties.STREAM_NAME + ".*); the '" + builder.getName()
                    + "' builder is unused here");
        }
        return builder;
    }
}
