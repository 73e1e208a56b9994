package io.reescreen.retrainer.follow;

import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.schemas.TrainingExample;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * training.examples into the retraining loop: examples already on the topic at start rebuild the training set
 * without triggering anything; new ones count towards the next retraining (which then runs on this thread, so
 * examples that come meanwhile wait on the topic, not in memory). A record that does not decode is counted and
 * skipped; the join wrote it, so it is a bug or a foreign writer, not a lab problem.
 */
public final class ExampleFeed implements TopicFollower.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleFeed.class);

    private final RetrainingLoop loop;
    private final Deserializer<TrainingExample> examples;
    private final AtomicLong history = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();

    public ExampleFeed(RetrainingLoop loop, Deserializer<TrainingExample> examples) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.examples = Objects.requireNonNull(examples, "examples");
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, boolean fromHistory) {
        if (record.value() == null) {
            return;
        }
        TrainingExample example;
        try {
            example = examples.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            undecodable.incrementAndGet();
            LOG.warn("training.examples partition {} offset {} does not decode; skipped: {}", record.partition(),
                    record.offset(), e.toString());
            return;
        }
        if (fromHistory) {
            history.incrementAndGet();
            loop.addHistory(example, record.topic(), record.partition(), record.offset());
        } else {
            live.incrementAndGet();
            loop.add(example, record.topic(), record.partition(), record.offset());
        }
    }

    /** Examples read that were on the topic before start. */
    public long historyCount() {
        return history.get();
    }

    /** Examples read that came after start. */
    public long liveCount() {
        return live.get();
    }

    public long undecodableCount() {
        return undecodable.get();
    }
}
