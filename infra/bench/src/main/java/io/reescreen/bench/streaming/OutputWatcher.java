package io.reescreen.bench.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one output topic (read_committed, every partition, from its end at start) on a thread of its own and
 * counts the input readings its records cover: one per record for the pass-through, the growth of the lot's
 * reading count for predictions (a coalesced prediction covers every reading of its lot so far). In a latency phase
 * it also keeps, per covered reading, receive wall time minus the reading's send time ({@link #sent}): a reading
 * folded into a later prediction waits for that prediction. One phase at a time: {@link #begin(long, boolean)}, then
 * {@link #await(Duration)}.
 */
public final class OutputWatcher implements AutoCloseable {

    /** How many input readings an output record newly covers. */
    public interface Coverage {
        long newlyCovered(ConsumerRecord<byte[], byte[]> record);

        static Coverage oneEach() {
            return r -> 1;
        }

        /** Records whose value is a cumulative per-key count ({@code count}); covers what it grew by. */
        static Coverage cumulative(java.util.function.ToLongFunction<ConsumerRecord<byte[], byte[]>> count) {
            Map<String, Long> last = new HashMap<>();
            return r -> {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                long now = count.applyAsLong(r);
                long before = last.getOrDefault(key, 0L);
                last.put(key, Math.max(now, before));
                return Math.max(0, now - before);
            };
        }
    }

    private Coverage coverage;
    /** Send wall times (ms) of the latency phase's readings not yet covered, per key, in send order. */
    private final Map<String, ArrayDeque<Long>> pendingSends = new HashMap<>();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile long reachedAtNanos;
    private volatile boolean recordLatency;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private final List<Long> latenciesMs = new ArrayList<>();
    private volatile boolean running = true;

    public OutputWatcher(String bootstrapServers, String topic, Coverage coverage) {
        this.coverage = coverage;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::loop, "bench-watch-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a phase: counts from zero, done when {@code expected} records have arrived. */
    public synchronized void begin(long expected, boolean latency) {
        reached = new CountDownLatch(1);
        reachedAtNanos = 0;
        synchronized (latenciesMs) {
            latenciesMs.clear();
            pendingSends.clear();
        }
        recordLatency = latency;
        count.set(0);
        target = expected;
    }

    /** A new consumer of the inputs (a fresh application.id counts its lots from zero again). */
    void restartCoverage(Coverage fresh) {
        synchronized (latenciesMs) {
            coverage = fresh;
        }
    }

    /** Registers a latency-phase reading before it is sent. */
    void sent(byte[] key, long sendWallMs) {
        synchronized (latenciesMs) {
            pendingSends.computeIfAbsent(new String(key, StandardCharsets.UTF_8), k -> new ArrayDeque<>()).add(sendWallMs);
        }
    }

    /** @return System.nanoTime() when the expected count was reached, or -1 on timeout */
    public long await(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? reachedAtNanos : -1;
    }

    public long count() {
        return count.get();
    }

    List<Long> latenciesMs() {
        synchronized (latenciesMs) {
            return List.copyOf(latenciesMs);
        }
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                long nowMs = System.currentTimeMillis();
                long covered = 0;
                synchronized (latenciesMs) {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        long k = coverage.newlyCovered(r);
                        covered += k;
                        ArrayDeque<Long> sends = recordLatency
                                ? pendingSends.get(new String(r.key(), StandardCharsets.UTF_8)) : null;
                        for (long i = 0; i < k && sends != null && !sends.isEmpty(); i++) {
                            latenciesMs.add(nowMs - sends.poll());
                        }
                    }
                }
                long n = count.addAndGet(covered);
                if (n >= target && reachedAtNanos == 0) {
                    reachedAtNanos = System.nanoTime();
                    reached.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
        consumer.close(Duration.ofSeconds(2));
    }
}
