package io.reescreen.replay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Records what a replay (retrain, rescore) skipped, by reason, with the first occurrence of each (for the summary). Not thread-safe. */
public final class SkipCounts {

    public static final String TOMBSTONE = "tombstone";
    public static final String UNDECODABLE = "undecodable";

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, String> first = new LinkedHashMap<>();

    public void add(String reason, String detail) {
        counts.merge(reason, 1L, Long::sum);
        first.putIfAbsent(reason, detail);
    }

    public long count(String reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public String firstDetail(String reason) {
        return first.get(reason);
    }

    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    /** {@code undecodable 2, tombstone 1} in the order first seen, or {@code none}. */
    public String describe() {
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The first occurrence of each reason, one per line, indented. */
    public String details(String indent) {
        return first.entrySet().stream().map(e -> indent + "first " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
