package io.reescreen.retrainer.held;

import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person accepts a held lab result: its example goes to training.examples (where the retraining loop takes it like
 * any other), then a tombstone to lab.results.held. Should the process die between the two, accepting again re-sends
 * the example, which the loop counts once (a re-sent lab result replaces its earlier example).
 */
public final class HeldAcceptance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeldAcceptance.class);

    private final Producer<String, TrainingExample> producer;
    private final HeldLabResults held;
    private final Duration timeout;

    /** @param producer idempotent, acks=all; closed with this */
    public HeldAcceptance(Producer<String, TrainingExample> producer, HeldLabResults held, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.held = Objects.requireNonNull(held, "held");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The accepted example, or empty if no lab result of that id is held. */
    public Optional<TrainingExample> accept(String labResultId, String by) {
        Optional<HeldLabResults.Held> h = held.get(labResultId);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        TrainingExample example = h.get().example();
        try {
            producer.send(new ProducerRecord<>(Topics.TRAINING_EXAMPLES.name(), example.getLotId(), example))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            producer.send(new ProducerRecord<>(Topics.LAB_RESULTS_HELD.name(), labResultId, null))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while accepting " + labResultId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("accepting " + labResultId + " was not acknowledged within " + timeout
                    + ": " + e, e);
        }
        held.accepted(labResultId);
        LOG.info("held lab result {} of lot {} accepted by {}: it joins the training examples", labResultId,
                example.getLotId(), by);
        return Optional.of(example);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
