package io.reescreen.retrainer.follow;

import io.reescreen.retrainer.release.AttemptRecords;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.schemas.RetrainingAttempt;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * models.attempts into the loop's history on start-up, so {@code GET /retrain/history} and a rejected challenger's
 * reason survive a restart. Attempts recorded after the start are this process's own, already in the history.
 */
public final class AttemptHistory implements TopicFollower.Handler {

    private final String modelName;
    private final RetrainingLoop loop;
    private final Deserializer<RetrainingAttempt> attempts;

    public AttemptHistory(String modelName, RetrainingLoop loop, Deserializer<RetrainingAttempt> attempts) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, boolean history) {
        if (!history || record.value() == null || record.key() == null
                || !modelName.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            return;
        }
        loop.restoreHistory(AttemptRecords.outcome(attempts.deserialize(record.topic(), record.headers(), record.value())));
    }
}
