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

/**
 * Counts the records committed to a topic from now on, read as an outside consumer would (read_committed), to time
 * when output flows again. Public for the launcher's {@code ServiceRestartEmbeddedTest}, which times the same thing.
 */
public final class Arrivals implements AutoCloseable {

    /** The process whose output is awaited: while it waits, a process that exited ends the wait at once. */
    public interface Source {
        String name();

        boolean isAlive();

        /** The end of its log, for the message. */
        String tail();
    }

    private final String topic;
    private final AtomicLong count = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public Arrivals(String bootstrapServers, String topic) {
        this.topic = topic;
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "arrivals-" + topic + "-" + UUID.randomUUID(),
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

    public long count() {
        return count.get();
    }

    /**
     * Waits for the count to reach {@code atLeast}; returns when it did (System.nanoTime).
     *
     * @throws IllegalStateException naming {@code what} and the source's log, when the timeout passes or it exits
     */
    public long awaitCount(long atLeast, Duration timeout, String what, Source source) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " (" + topic + ") within " + timeout.toSeconds()
                        + " s; " + source.name() + " log: " + source.tail());
            }
            if (!source.isAlive()) {
                throw new IllegalStateException(source.name() + " exited; log: " + source.tail());
            }
            Thread.sleep(10);
        }
        return System.nanoTime();
    }

    long awaitCount(long atLeast, Duration timeout, Source source) throws InterruptedException {
        return awaitCount(atLeast, timeout, "output", source);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
