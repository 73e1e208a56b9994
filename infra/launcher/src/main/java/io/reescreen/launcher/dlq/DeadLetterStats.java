package io.reescreen.launcher.dlq;

import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.schemas.DeadLetter;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What lies on a dead-letter topic, for data teams: how many, why (by reason header), when (first and last
 * dead-letter time), how many copies were truncated, the lots with most, and how many of them were replayed.
 */
public final class DeadLetterStats {

    /** Lots listed per topic. */
    static final int TOP_LOTS = 5;

    private final DeadLetterTopic topic;
    private final DeadLetterFilter filter;
    private final ReplayLedger ledger;
    private final Map<String, Span> reasons = new TreeMap<>();
    private final Map<String, Long> lots = new HashMap<>();
    private Span all = null;
    private long truncated;
    private long replayed;

    DeadLetterStats(DeadLetterTopic topic, DeadLetterFilter filter, ReplayLedger ledger) {
        this.topic = topic;
        this.filter = filter;
        this.ledger = ledger;
    }

    /** Reads every record of {@code topic} (read_committed) and counts those {@code filter} matches. */
    public static DeadLetterStats read(DeadLetterTopic topic, DeadLetterFilter filter, TopicWindowReader reader,
                                       ReplayLedger ledger, TopicWindowReader.Progress progress) {
        DeadLetterStats stats = new DeadLetterStats(topic, filter, ledger);
        reader.read(topic.topic(), reader.ranges(topic.topic(), new ReplayWindow(Optional.empty(), Optional.empty())),
                stats::add, progress);
        return stats;
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        if (!filter.matches(record)) {
            return;
        }
        Instant at = DeadLetterFilter.deadLetteredAt(record);
        all = Span.with(all, at);
        reasons.merge(DeadLetterFilter.reasonOf(record), Span.with(null, at), Span::merge);
        if (record.headers().lastHeader(DeadLetter.TRUNCATED) != null) {
            truncated++;
        }
        if (ledger.replayed(record)) {
            replayed++;
        }
        String key = DeadLetterFilter.keyText(record);
        if (topic.keyIsLotId() && key != null && !key.isBlank()) {
            lots.merge(key, 1L, Long::sum);
        }
    }

    public long count() {
        return all == null ? 0 : all.count();
    }

    public long count(String reason) {
        Span s = reasons.get(reason);
        return s == null ? 0 : s.count();
    }

    public long replayed() {
        return replayed;
    }

    public long truncated() {
        return truncated;
    }

    /** The lots with most dead letters, most first (ties by lot id). */
    public List<Map.Entry<String, Long>> topLots() {
        return lots.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_LOTS).toList();
    }

    /**
     * <pre>
     * xrf.readings.dlq       54 dead letters, 1 truncated, 10 replayed, first .. last
     *   UNKNOWN_LOT          42  2026-12-06T02:00:00Z  2026-12-06T02:10:00Z
     *   top lots             L-1 5, L-2 3
     * </pre>
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-22s %d dead letters, %d truncated, %d replayed%s%n",
                topic.topic(), count(), truncated, replayed,
                all == null ? "" : ", " + all.first() + " .. " + all.last()));
        reasons.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, Span> e) -> e.getValue().count())
                        .reversed().thenComparing(Map.Entry::getKey))
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %-24s %8d  %s  %s%n", e.getKey(),
                        e.getValue().count(), e.getValue().first(), e.getValue().last())));
        if (!lots.isEmpty()) {
            out.append(String.format(Locale.ROOT, "  %-24s %s (%d lots)%n", "top lots", topLots().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")), lots.size()));
        }
        return out.toString();
    }

    /** How many, first and last dead-letter time. */
    private record Span(long count, Instant first, Instant last) {
        static Span with(Span s, Instant at) {
            return s == null ? new Span(1, at, at) : new Span(s.count + 1, min(s.first, at), max(s.last, at));
        }

        static Span merge(Span a, Span b) {
            return new Span(a.count + b.count, min(a.first, b.first), max(a.last, b.last));
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }
}
