package io.reescreen.retrainer.examples;

import io.reescreen.schemas.PartitionCounts;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The join's stores hold a lot's composition, served prediction and lab results on one partition number, so the
 * screener's lot.compositions and ree.predictions (placed by murmur2 of the lot id over their own partition counts)
 * must have exactly {@code lot-partitions} partitions, the count of the internal topics the lab results and lots are
 * copied onto; without the copy, lab.results and lots must have lot.compositions' count. A mismatch joins nothing
 * for most lots, silently, so the retrainer refuses to start on one.
 */
public final class LotPartitionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(LotPartitionCheck.class);
    /** How long the cluster may take to name the partition counts before the check is skipped with a warning. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private LotPartitionCheck() {
    }

    /** Throws with the reason when the cluster's topics contradict {@code partitioning}; a silent cluster is logged. */
    public static void onCluster(LotPartitioning partitioning, KafkaConnection connection, Duration timeout,
                                 String setting) {
        if (!PartitionCounts.check(connection, topics(partitioning), timeout,
                counts -> problem(partitioning, counts, setting))) {
            LOG.warn("partition counts not checked: the cluster at {} did not answer within {}", connection, timeout);
        }
    }

    /** What is wrong with these partition counts (topic → count; missing topics are left out), or empty. */
    public static Optional<String> problem(LotPartitioning partitioning, Map<String, Integer> counts, String setting) {
        String compositions = Topics.LOT_COMPOSITIONS.name();
        Integer expected = partitioning.producersPartitionByLotId() ? counts.get(compositions)
                : Integer.valueOf(partitioning.lotPartitions());
        if (expected == null) {
            return Optional.empty();
        }
        List<String> differing = new ArrayList<>();
        for (String topic : topics(partitioning)) {
            Integer n = counts.get(topic);
            if (n != null && n.intValue() != expected) {
                differing.add(topic + " has " + n);
            }
        }
        if (differing.isEmpty()) {
            return Optional.empty();
        }
        String wanted = partitioning.producersPartitionByLotId()
                ? "lot.compositions has " + expected + " partitions, but " + String.join(", ", differing)
                        + ": with the producers' partitioning trusted, every lot topic must have the same count"
                : setting + " is " + expected + ", but " + String.join(", ", differing) + " partitions: set " + setting
                        + " to lot.compositions' count (with a new application id, as for any change of partitioning)";
        return Optional.of(wanted + ". Otherwise lab results and compositions of a lot meet on different partitions and"
                + " are never joined.");
    }

    private static List<String> topics(LotPartitioning partitioning) {
        List<String> topics = new ArrayList<>(List.of(Topics.LOT_COMPOSITIONS.name(), Topics.REE_PREDICTIONS.name()));
        if (partitioning.producersPartitionByLotId()) {
            topics.addAll(List.of(Topics.LAB_RESULTS.name(), Topics.LOTS.name()));
        }
        return topics;
    }
}
