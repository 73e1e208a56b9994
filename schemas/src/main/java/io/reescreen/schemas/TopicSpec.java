package io.reescreen.schemas;

import java.util.Map;
import java.util.Objects;

/**
 * A topic's name, partition count and cleanup policy, as the system expects it to exist, and the registry's
 * compatibility rule for its value subject ({@code <topic>-value}).
 */
public record TopicSpec(String name, int partitions, boolean compacted, SchemaCompatibility valueCompatibility) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueCompatibility, "valueCompatibility");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions + " for " + name);
        }
    }

    /** A topic the services write: BACKWARD. */
    public TopicSpec(String name, int partitions, boolean compacted) {
        this(name, partitions, compacted, SchemaCompatibility.BACKWARD);
    }

    /** The same topic, written by producers outside the system: FULL_TRANSITIVE (see {@link SchemaCompatibility}). */
    public TopicSpec writtenByOutsideProducers() {
        return new TopicSpec(name, partitions, compacted, SchemaCompatibility.FULL_TRANSITIVE);
    }

    /** The registry subject of the topic's values (Confluent's TopicNameStrategy, which the serdes use). */
    public String valueSubject() {
        return name + "-value";
    }

    static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, true);
    }

    static TopicSpec deleted(String name, int partitions) {
        return new TopicSpec(name, partitions, false);
    }

    /** Topic-level configs to create it with. */
    public Map<String, String> configs() {
        return Map.of("cleanup.policy", compacted ? "compact" : "delete");
    }
}
