package io.reescreen.schemas;

import java.util.Map;
import java.util.Objects;

/** A topic's name, partition count and cleanup policy, as the system expects it to exist. */
public record TopicSpec(String name, int partitions, boolean compacted) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions + " for " + name);
        }
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
