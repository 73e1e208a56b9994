package io.reescreen.streams;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.DisabledBeanException;
import java.util.Objects;

/**
 * micronaut-kafka-streams makes a {@code default} stream builder besides the named ones, and one for every
 * {@code kafka.streams.<name>} configured (another service's, where its configuration shares the classpath, as in the
 * demo), and starts a KafkaStreams for each; an empty one does not start ("Topology has no stream threads and no
 * global threads"). A service runs exactly one stream, its own: this disables every other builder, and with it its
 * KafkaStreams. Each service makes it a bean by a subclass, under its own conditions.
 */
public abstract class OnlyOwnStream implements BeanCreatedEventListener<ConfiguredStreamBuilder> {

    private final String service;

    /** @param service the service's stream name, e.g. {@code screener} ({@code kafka.streams.screener.*}) */
    protected OnlyOwnStream(String service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public ConfiguredStreamBuilder onCreated(BeanCreatedEvent<ConfiguredStreamBuilder> event) {
        ConfiguredStreamBuilder builder = event.getBean();
        if (!service.equals(builder.getName())) {
            throw new DisabledBeanException("the " + service + " runs only the '" + service + "' stream (kafka.streams."
                    + service + ".*); the '" + builder.getName() + "' builder is unused here");
        }
        return builder;
    }
}
