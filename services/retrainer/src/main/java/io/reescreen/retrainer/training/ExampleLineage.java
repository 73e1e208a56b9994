package io.reescreen.retrainer.training;

import io.reescreen.schemas.KafkaOffsetRange;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model's examples came from, as offset ranges per topic and partition: enough to rebuild the same training
 * set from the topics (replay) or to find the lab results behind a release. Ranges are inclusive and cover every
 * offset seen; a range may include records that were not used (a bad lab result between two good ones).
 */
public final class ExampleLineage {

    /** topic → partition → {min, max} offset. */
    private final Map<String, Map<Integer, long[]>> ranges = new TreeMap<>();

    /** The lab result behind each example. */
    public static ExampleLineage ofLabResults(List<TrainingExample> examples) {
        ExampleLineage lineage = new ExampleLineage();
        for (TrainingExample e : examples) {
            lineage.add(Topics.LAB_RESULTS.name(), e.getLabResultPartition(), e.getLabResultOffset());
        }
        return lineage;
    }

    /** Adds one record's position (e.g. the training.examples record a consumer read). Negative offsets are ignored. */
    public ExampleLineage add(String topic, int partition, long offset) {
        if (partition < 0 || offset < 0) {
            return this;
        }
        long[] r = ranges.computeIfAbsent(topic, t -> new TreeMap<>()).computeIfAbsent(partition,
                p -> new long[] {offset, offset});
        r[0] = Math.min(r[0], offset);
        r[1] = Math.max(r[1], offset);
        return this;
    }

    public List<KafkaOffsetRange> ranges() {
        List<KafkaOffsetRange> out = new ArrayList<>();
        ranges.forEach((topic, partitions) -> partitions.forEach((partition, r) -> out.add(KafkaOffsetRange.newBuilder()
                .setTopic(topic).setPartition(partition).setFromOffset(r[0]).setToOffset(r[1]).build())));
        return out;
    }
}
