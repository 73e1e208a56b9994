package io.reescreen.retrainer.held;

import io.reescreen.retrainer.follow.TopicFollower;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.TrainingExample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab results held out of training, as lab.results.held says (compacted, key: labResultId; a tombstone once
 * accepted): read from the beginning on every start, so what is held survives restarts. Thread-safe.
 */
public final class HeldLabResults implements TopicFollower.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(HeldLabResults.class);

    /** One held result: the example it would make and why it was held. */
    public record Held(String labResultId, TrainingExample example, String reason, String detail, String heldAt) {
    }

    private final Deserializer<TrainingExample> examples;
    private final Map<String, Held> held = new LinkedHashMap<>();

    public HeldLabResults(Deserializer<TrainingExample> examples) {
        this.examples = Objects.requireNonNull(examples, "examples");
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, boolean history) {
        if (record.key() == null) {
            return;
        }
        String id = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            synchronized (held) {
                held.remove(id);
            }
            return;
        }
        Object decoded = examples.deserialize(record.topic(), record.headers(), record.value());
        if (!(decoded instanceof TrainingExample example)) {
            LOG.warn("lab.results.held offset {}: not a TrainingExample; skipped", record.offset());
            return;
        }
        Held h = new Held(id, example, DlqHeaders.text(record.headers(), DlqHeaders.REASON),
                DlqHeaders.text(record.headers(), DlqHeaders.DETAIL), DlqHeaders.text(record.headers(), DlqHeaders.TIME));
        synchronized (held) {
            held.put(id, h);
        }
        if (!history) {
            LOG.warn("lab result {} of lot {} is held out of training until a person accepts it: {}", id,
                    example.getLotId(), h.detail());
        }
    }

    /** Accepted by this process: gone from the list at once, before the tombstone comes back from the topic. */
    void accepted(String labResultId) {
        synchronized (held) {
            held.remove(labResultId);
        }
    }

    public Optional<Held> get(String labResultId) {
        synchronized (held) {
            return Optional.ofNullable(held.get(labResultId));
        }
    }

    /** Oldest first. */
    public List<Held> all() {
        synchronized (held) {
            return new ArrayList<>(held.values());
        }
    }
}
