package io.reescreen.retrainer.release;

import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.schemas.RetrainingAttempt;
import io.reescreen.schemas.Topics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every retraining attempt to models.attempts (key: the model name). A failure to write is logged, not
 * thrown: the attempt has happened, its release (if any) is out, and it is in the log and the in-memory history.
 */
public final class KafkaAttemptRecorder implements RetrainingLoop.AttemptRecorder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAttemptRecorder.class);

    private final String modelName;
    private final Producer<String, RetrainingAttempt> producer;
    private final Duration timeout;

    /** @param producer idempotent, acks=all; closed with this recorder */
    public KafkaAttemptRecorder(String modelName, Producer<String, RetrainingAttempt> producer, Duration timeout) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void record(RetrainingOutcome outcome) {
        try {
            producer.send(new ProducerRecord<>(Topics.MODEL_ATTEMPTS.name(), modelName,
                    AttemptRecords.of(modelName, outcome))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("interrupted while recording the attempt of {} on {}", outcome.at(), Topics.MODEL_ATTEMPTS.name());
        } catch (Exception e) {
            LOG.error("the attempt of {} ({}) could not be recorded on {}: {}", outcome.at(), outcome.decision().reason(),
                    Topics.MODEL_ATTEMPTS.name(), e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
