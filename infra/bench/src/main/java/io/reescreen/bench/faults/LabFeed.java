package io.reescreen.bench.faults;

import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A lab reporting one result every {@code interval}, cycling over good results of the probe's lots, each under a new
 * lab result id; remembers the ids the broker acknowledged, which are the ones that must each become one example.
 */
final class LabFeed implements AutoCloseable {

    private final KafkaProducer<String, LabResult> producer;
    private final List<LabResult> templates;
    private final String idPrefix;
    private final Duration interval;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    LabFeed(String bootstrapServers, Serializer<LabResult> serializer, List<LabResult> templates, String idPrefix,
            Duration interval) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no lab results to send");
        }
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), serializer);
        this.templates = List.copyOf(templates);
        this.idPrefix = idPrefix;
        this.interval = interval;
        this.thread = new Thread(this::feed, "bench-lab-feed");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void feed() {
        for (long n = 0; running.get(); n++) {
            String id = idPrefix + n;
            LabResult result = LabResult.newBuilder(templates.get((int) (n % templates.size()))).setLabResultId(id).build();
            producer.send(new ProducerRecord<>(Topics.LAB_RESULTS.name(), result.getLotId(), result), (metadata, error) -> {
                if (error == null) {
                    acknowledged.add(id);
                }
            });
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sending and flushes; afterwards {@link #acknowledged()} is final. */
    void stop() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(5_000);
        producer.flush();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        producer.close(Duration.ofSeconds(5));
    }
}
