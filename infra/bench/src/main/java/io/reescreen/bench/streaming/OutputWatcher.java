package io.reescreen.bench.streaming;

import java.time.Duration;
import java.util.ArrayList;
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
 * counts what arrives; in a latency phase it also keeps, per record, receive wall time minus record timestamp.
 * One phase at a time: {@link #begin(long, boolean)}, then {@link #await(Duration)}.
 */
final class OutputWatcher implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile long reachedAtNanos;
    private volatile boolean recordLatency;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private final List<Long> latenciesMs = new ArrayList<>();
    private volatile boolean running = true;

    OutputWatcher(String bootstrapServers, String topic) {
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
    synchronized void begin(long expected, boolean latency) {
        reached = new CountDownLatch(1);
        reachedAtNanos = 0;
        synchronized (latenciesMs) {
            latenciesMs.clear();
        }
        recordLatency = latency;
        count.set(0);
        target = expected;
    }

    /** @return System.nanoTime() when the expected count was reached, or -1 on timeout */
    long await(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? reachedAtNanos : -1;
    }

    long count() {
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
                if (recordLatency) {
                    synchronized (latenciesMs) {
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            latenciesMs.add(nowMs - r.timestamp());
                        }
                    }
                }
                long n = count.addAndGet(records.count());
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
