package io.reescreen.retrainer.release;

import io.reescreen.release.ReleaseKey;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.Topics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends a release to models.releases (key: its {@link ReleaseKey}, the model name or {@code name@site}) and waits for the broker to have it, so a release that
 * is reported published is one every screener will see. Then tells {@code onPublished} its record time.
 */
public final class KafkaReleasePublisher implements RetrainingLoop.ReleasePublisher, AutoCloseable {

    private final Producer<String, ModelRelease> producer;
    private final Duration timeout;
    private final ObjLongConsumer<ModelRelease> onPublished;

    /** @param producer idempotent, acks=all; closed with this publisher */
    public KafkaReleasePublisher(Producer<String, ModelRelease> producer, Duration timeout,
                                 ObjLongConsumer<ModelRelease> onPublished) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.onPublished = Objects.requireNonNull(onPublished, "onPublished");
    }

    @Override
    public void publish(ModelRelease release) {
        RecordMetadata sent;
        try {
            sent = producer.send(new ProducerRecord<>(Topics.MODEL_RELEASES.name(),
                            ReleaseKey.of(release).toString(), release))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + release.getVersion(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("release " + release.getVersion() + " not acknowledged by "
                    + Topics.MODEL_RELEASES.name() + " within " + timeout + ": " + e, e);
        }
        onPublished.accept(release, sent.timestamp()); // the champion tracker orders by it (models.served keeps it)
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
