package io.reescreen.launcher.dlq;

import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A topic of records the system set aside with a reason ({@code reescreen.dlq.*} headers), the topic they came from,
 * and whether {@code dlq replay} may send them back there.
 */
public enum DeadLetterTopic {

    XRF_READINGS(Topics.XRF_READINGS_DLQ, Topics.XRF_READINGS, true, null),
    LOTS(Topics.LOTS_DLQ, Topics.LOTS, true, null),
    LAB_RESULTS(Topics.LAB_RESULTS_DLQ, Topics.LAB_RESULTS, true, null),
    MODEL_RELEASES(Topics.MODEL_RELEASES_DLQ, Topics.MODEL_RELEASES, false,
            "a refused release sent again would become the newest of its name on compacted models.releases; "
                    + "publish a corrected release instead"),
    LAB_RESULTS_HELD(Topics.LAB_RESULTS_HELD, Topics.LAB_RESULTS, false,
            "held lab results are training examples, not lab.results records; accept one with "
                    + "POST /retrain/held/{id}/accept");

    private final TopicSpec topic;
    private final TopicSpec source;
    private final boolean keyIsLotId;
    private final String notReplayable;

    DeadLetterTopic(TopicSpec topic, TopicSpec source, boolean keyIsLotId, String notReplayable) {
        this.topic = topic;
        this.source = source;
        this.keyIsLotId = keyIsLotId;
        this.notReplayable = notReplayable;
    }

    public String topic() {
        return topic.name();
    }

    /** Where the records came from, and where a replay sends them back. */
    public String source() {
        return source.name();
    }

    /** The record key is the lot id (readings, lots, lab results); otherwise a model name or a lab result id. */
    public boolean keyIsLotId() {
        return keyIsLotId;
    }

    /** Why {@code dlq replay} refuses this topic; empty when it may be replayed. */
    public Optional<String> whyNotReplayable() {
        return Optional.ofNullable(notReplayable);
    }

    /** By topic name ({@code xrf.readings.dlq}). */
    public static DeadLetterTopic named(String name) {
        return Arrays.stream(values()).filter(t -> t.topic().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a dead-letter topic; one of "
                        + Arrays.stream(values()).map(DeadLetterTopic::topic).collect(Collectors.joining(", "))));
    }
}
