package io.reescreen.bench.sites;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a topic from its end ({@code read_committed}, no group) on a thread of its own and hands each record whose
 * key passes the filter to a listener, decoded. Other runs' records on the same broker fail the filter.
 */
final class TopicTail<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<T> deserializer;
    private final Predicate<String> keys;
    private final BiConsumer<String, T> listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    TopicTail(String bootstrapServers, String topic, Deserializer<T> deserializer, Predicate<String> keys,
              BiConsumer<String, T> listener) {
        this.deserializer = deserializer;
        this.keys = keys;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // "end" resolved now, before the scenario produces anything
        this.thread = new Thread(this::run, "bench-tail-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (key != null && r.value() != null && keys.test(key)) {
                        listener.accept(key, deserializer.deserialize(r.topic(), r.headers(), r.value()));
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("following {} stopped", thread.getName(), e);
            failure = e;
        }
    }

    /** Throws what stopped the tail, if anything did. */
    void check() {
        RuntimeException f = failure;
        if (f != null) {
            throw new IllegalStateException("following the topic failed", f);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        consumer.close(Duration.ofSeconds(2));
    }
}
