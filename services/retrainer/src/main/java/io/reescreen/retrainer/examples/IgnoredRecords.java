package io.reescreen.retrainer.examples;

import io.reescreen.streams.SourcePosition;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records on lots and lot.compositions the join could not use, counted by topic and reason (thread-safe). */
public final class IgnoredRecords {

    private static final Logger LOG = LoggerFactory.getLogger(IgnoredRecords.class);

    private final Map<String, Map<IgnoredReason, AtomicLong>> counts = new ConcurrentHashMap<>();

    /** Counts and logs one record passed over; the detail is cut to keep the log line readable. */
    void ignore(String topic, IgnoredReason reason, String detail, int partition, long offset) {
        long n = count(topic, reason).incrementAndGet();
        String text = detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
        LOG.warn("{} partition {} offset {}: ignored by the retrainer, {} ({}); {} so far for this reason", topic,
                partition, offset, reason, text, n);
    }

    /** Counts and logs one record of {@code inputTopic} passed over, at its position there ({@link SourcePosition#of}). */
    void ignore(Record<?, ?> record, ProcessorContext<?, ?> context, String inputTopic, IgnoredReason reason,
                String detail) {
        SourcePosition source = SourcePosition.of(record, context, inputTopic);
        ignore(inputTopic, reason, detail, source.partition(), source.offset());
    }

    /** How many records of {@code topic} were passed over for {@code reason}. */
    public long countOf(String topic, IgnoredReason reason) {
        return count(topic, reason).get();
    }

    private AtomicLong count(String topic, IgnoredReason reason) {
        return counts.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).computeIfAbsent(reason, r -> new AtomicLong());
    }

    /** topic → reason → count, only the reasons seen. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        counts.forEach((topic, byReason) -> {
            Map<IgnoredReason, Long> sorted = new EnumMap<>(IgnoredReason.class);
            byReason.forEach((r, c) -> sorted.put(r, c.get()));
            Map<String, Long> named = new LinkedHashMap<>();
            sorted.forEach((r, c) -> named.put(r.name(), c));
            out.put(topic, named);
        });
        return out;
    }

    /** Every record passed over on {@code topic}. */
    public long total(String topic) {
        Map<IgnoredReason, AtomicLong> byReason = counts.get(topic);
        return byReason == null ? 0 : byReason.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
