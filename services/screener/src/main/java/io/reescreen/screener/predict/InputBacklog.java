package io.reescreen.screener.predict;

import io.reescreen.schemas.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readings this instance has not yet dealt with, over the partitions of xrf.readings and of the readings' internal
 * copy that it is assigned: those still on the broker, its consumers' {@code records-lag} (the partition's end offset
 * minus the consumer's position, as of its last poll that returned the partition's records), plus those polled but
 * not yet committed, per active task the last offset polled minus the last committed ({@code TaskMetadata}): Kafka
 * Streams' own buffers (up to {@code buffered.records.per.partition} per partition) hold readings the consumer's lag
 * no longer counts. The second part also counts what was processed since the last commit, up to a commit interval's
 * worth. Sampled on a daemon thread every {@link #SAMPLE_MS} ms, so the stream threads only read a volatile.
 */
public final class InputBacklog implements Backlog, AutoCloseable {

    static final String GROUP = "consumer-fetch-manager-metrics";
    static final String LAG = "records-lag";
    /** How the repartition topic of {@code LotRepartition.byLotId(readings, "readings", ...)} ends. */
    static final String READINGS_COPY_SUFFIX = "-readings-by-lot-repartition";
    static final long SAMPLE_MS = 100;
    /** Partitions come and go with rebalances: the metrics to sum are looked up again this often. */
    static final long RESCAN_MS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(InputBacklog.class);

    private final long threshold;
    private volatile long records;
    private ScheduledExecutorService sampler;
    // Touched by the sampler thread only.
    private List<Metric> lags = List.of();
    private long rescannedAtMs = Long.MIN_VALUE / 2;

    /** @param threshold behind from this many readings waiting */
    public InputBacklog(long threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be >= 1, got " + threshold);
        }
        this.threshold = threshold;
    }

    /**
     * Starts sampling (once; later calls are ignored): {@code watch(streams::metrics, streams::metadataForLocalThreads)}.
     */
    public synchronized void watch(Supplier<? extends Map<MetricName, ? extends Metric>> metrics,
                                   Supplier<? extends Collection<ThreadMetadata>> threads) {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(threads, "threads");
        if (sampler != null) {
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reescreen-input-backlog");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(() -> {
            try {
                sample(metrics, threads, System.currentTimeMillis());
            } catch (RuntimeException e) {
                // A metrics registry being closed with the streams; the next sample tries again.
                LOG.debug("could not read the consumers' lag", e);
            }
        }, 0, SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * One sample: the lag metrics looked up again when due (at every sample while none is known yet: a consumer
     * registers a partition's lag at its first records, so a restart catching up would otherwise be seen up to a
     * rescan late), then summed.
     */
    void sample(Supplier<? extends Map<MetricName, ? extends Metric>> metrics,
                Supplier<? extends Collection<ThreadMetadata>> threads, long nowMs) {
        if (lags.isEmpty() || nowMs - rescannedAtMs >= RESCAN_MS) {
            lags = inputLags(metrics.get());
            rescannedAtMs = nowMs;
        }
        long sum = 0;
        for (Metric m : lags) {
            if (m.metricValue() instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
                sum += (long) n.doubleValue();
            }
        }
        records = sum + uncommitted(threads.get());
    }

    /** Per active task and input partition: polled (the last offset polled) but not committed; -1 is "not yet". */
    static long uncommitted(Collection<ThreadMetadata> threads) {
        long sum = 0;
        for (ThreadMetadata thread : threads) {
            for (TaskMetadata task : thread.activeTasks()) {
                Map<TopicPartition, Long> polled = task.endOffsets();
                Map<TopicPartition, Long> committed = task.committedOffsets();
                for (TopicPartition tp : task.topicPartitions()) {
                    long last = polled.getOrDefault(tp, -1L);
                    long next = committed.getOrDefault(tp, -1L);
                    if (isInput(tp.topic()) && last >= 0 && next >= 0) {
                        sum += Math.max(0, last + 1 - next);
                    }
                }
            }
        }
        return sum;
    }

    static List<Metric> inputLags(Map<MetricName, ? extends Metric> all) {
        List<Metric> found = new ArrayList<>();
        all.forEach((name, metric) -> {
            if (LAG.equals(name.name()) && GROUP.equals(name.group()) && isInput(name.tags().get("topic"))) {
                found.add(metric);
            }
        });
        return List.copyOf(found);
    }

    /** xrf.readings (under either spelling of the metric tag: older clients wrote '.' as '_') or its internal copy. */
    static boolean isInput(String topic) {
        if (topic == null) {
            return false;
        }
        String readings = Topics.XRF_READINGS.name();
        return topic.equals(readings) || topic.equals(readings.replace('.', '_'))
                || topic.endsWith(READINGS_COPY_SUFFIX);
    }

    /** Readings waiting, as of the last sample. */
    public long records() {
        return records;
    }

    @Override
    public boolean behind() {
        return records >= threshold;
    }

    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
