package io.reescreen.retrainer.performance;

import io.reescreen.schemas.ModelPerformance;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last N comparisons of each (site, model version), oldest evicted first, and their figures. Thread-safe: fed
 * by one follower thread, read by HTTP and metrics.
 */
public final class RollingAccuracy {

    /** Which comparisons are rolled together. {@code siteId} and {@code modelSiteId} null: none / the base model. */
    public record Key(String siteId, String modelVersion, String modelSiteId) implements Comparable<Key> {

        static Key of(ModelPerformance c) {
            return new Key(c.getSiteId(), c.getModelVersion(), c.getModelSiteId());
        }

        @Override
        public int compareTo(Key o) {
            int site = String.valueOf(siteId).compareTo(String.valueOf(o.siteId));
            return site != 0 ? site : modelVersion.compareTo(o.modelVersion);
        }
    }

    private final int window;
    private final Map<Key, Deque<ModelPerformance>> windows = new TreeMap<>();

    /** @param window comparisons kept per (site, model version), at least 1 */
    public RollingAccuracy(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the window must hold at least 1 comparison, got " + window);
        }
        this.window = window;
    }

    /** Adds a comparison and returns its (site, version)'s figures after it. */
    public synchronized AccuracyFigures add(ModelPerformance comparison) {
        Deque<ModelPerformance> w = windows.computeIfAbsent(Key.of(comparison), k -> new ArrayDeque<>());
        w.addLast(comparison);
        while (w.size() > window) {
            w.removeFirst();
        }
        return AccuracyFigures.of(w);
    }

    /** Every (site, model version) and its figures, ordered by site and version. */
    public synchronized Map<Key, AccuracyFigures> figures() {
        Map<Key, AccuracyFigures> all = new TreeMap<>();
        windows.forEach((k, w) -> all.put(k, AccuracyFigures.of(List.copyOf(w))));
        return all;
    }

    public int window() {
        return window;
    }
}
