package io.reescreen.bench.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counts the records committed to a topic from now on (read_committed), to time when output flows again. */
final class Arrivals implements AutoCloseable {

    private final String topic;
    private final AtomicLong count = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Arrivals(String bootstrapServers, String topic) {
        this.topic = topic;
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-faults-arrivals-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Set.of(topic));
        thread = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    count.addAndGet(consumer.poll(Duration.ofMillis(50)).count());
                }
            }
        }, "arrivals-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    long count() {
        return count.get();
    }

    /** Waits for the count to reach {@code atLeast}; returns when it did (System.nanoTime). */
    long awaitCount(long atLeast, Duration timeout, ReescreenProcess service) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + topic + " output within " + timeout.toSeconds() + " s; "
                        + service.tail());
            }
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name + " exited; " + service.tail());
            }
            Thread.sleep(10);
        }
        return System.nanoTime();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
