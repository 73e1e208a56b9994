package io.reescreen.screener.board;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * This instance's consumer lag, from its stream threads' consumer metrics ({@code records-lag} of every assigned
 * partition, summed), and whether it grows: it rose at each of the last {@value #RISES} samples, taken at least
 * {@code SAMPLE_MS} apart.
 */
final class StreamsLag {

    static final int RISES = 3;
    private static final long SAMPLE_MS = 5_000;

    private final Deque<Long> samples = new ArrayDeque<>();
    private long lastSampleMs;

    /** The lag now, or null when the streams report none (not running, no partitions). */
    static Long of(Map<MetricName, ? extends Metric> metrics) {
        long sum = 0;
        boolean any = false;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if ("records-lag".equals(name.name()) && "consumer-fetch-manager-metrics".equals(name.group())
                    && name.tags().containsKey("partition") && client.endsWith("-consumer")
                    && !client.contains("restore") && !client.contains("global")) {
                Object value = e.getValue().metricValue();
                if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                    sum += Math.max(0, (long) n.doubleValue());
                    any = true;
                }
            }
        }
        return any ? sum : null;
    }

    /** Records a sample (at most one per {@code SAMPLE_MS}); answers whether the lag grows. */
    synchronized boolean growing(Long lag, long nowMs) {
        if (lag == null) {
            samples.clear();
            return false;
        }
        if (samples.isEmpty() || nowMs - lastSampleMs >= SAMPLE_MS) {
            samples.addLast(lag);
            lastSampleMs = nowMs;
            while (samples.size() > RISES + 1) {
                samples.removeFirst();
            }
        }
        if (samples.size() <= RISES) {
            return false;
        }
        long previous = -1;
        for (long s : samples) {
            if (s <= previous) {
                return false;
            }
            previous = s;
        }
        return true;
    }
}
