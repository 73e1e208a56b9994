package io.reescreen.screener.board;

import java.util.Map;
import java.util.TreeMap;

/**
 * Events per second by kind over the last minute, counted by the records' own times, so a board that just read its
 * window back reports the same rates as one that watched them live. One-second buckets; nothing older is kept.
 */
final class RecentRate {

    static final int SPAN_SECONDS = 60;

    /** epoch second -> kind -> count */
    private final TreeMap<Long, Map<String, Integer>> buckets = new TreeMap<>();

    void count(String kind, long atMs, long nowMs) {
        count(kind, atMs, nowMs, 1);
    }

    /** {@code n} events of one kind at once (e.g. the readings one composition added to its lot). */
    void count(String kind, long atMs, long nowMs, int n) {
        if (n <= 0) {
            return;
        }
        long second = Math.floorDiv(atMs, 1000);
        long now = Math.floorDiv(nowMs, 1000);
        if (second <= now - SPAN_SECONDS || second > now + 1) {
            return;
        }
        buckets.computeIfAbsent(second, s -> new TreeMap<>()).merge(kind, n, Integer::sum);
        buckets.headMap(now - SPAN_SECONDS, true).clear();
    }

    /** Per second, by kind, over the last {@value #SPAN_SECONDS} s before {@code nowMs}. */
    Map<String, Double> perSecond(long nowMs) {
        long now = Math.floorDiv(nowMs, 1000);
        Map<String, Double> out = new TreeMap<>();
        buckets.tailMap(now - SPAN_SECONDS, false).values().forEach(kinds ->
                kinds.forEach((kind, n) -> out.merge(kind, n / (double) SPAN_SECONDS, Double::sum)));
        return out;
    }
}
