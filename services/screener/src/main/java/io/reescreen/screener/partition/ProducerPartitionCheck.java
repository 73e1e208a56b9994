package io.reescreen.screener.partition;

import io.reescreen.schemas.PartitionCounts;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code producers-partition-by-lot-id=true} the screener reads xrf.readings and lots where they are, so a lot's
 * readings and metadata meet only if both topics have the same partition count (murmur2 of the lot id modulo that
 * count). A mismatch leaves most readings without their lot, silently, so the screener refuses to start on one. With
 * the copy onto internal topics (the default) both land on {@code lot-partitions} partitions and nothing outside
 * matters: lot.compositions is written by Kafka Streams over its own count, and the retrainer checks that count.
 * Unless only misrouted records take the copy ({@code lot-hop.misrouted-only}, the default): the input topics'
 * sources then share the lots' sub-topology, and Kafka Streams finds a lot for an interactive query by the largest
 * partition count among that sub-topology's sources, so neither input topic may have more partitions than
 * {@code lot-partitions}.
 */
public final class ProducerPartitionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerPartitionCheck.class);
    /** How long the cluster may take to name the partition counts before the check is skipped with a warning. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private ProducerPartitionCheck() {
    }

    /** Throws with the reason when the input topics' counts differ; a silent cluster is logged, not fatal. */
    public static void onCluster(boolean producersPartitionByLotId, KafkaConnection connection, String setting) {
        onCluster(producersPartitionByLotId, false, 0, connection, DEFAULT_TIMEOUT, setting, "");
    }

    /**
     * Also throws when only misrouted records take the copy and an input topic has more than {@code lotPartitions}
     * partitions.
     */
    public static void onCluster(boolean producersPartitionByLotId, boolean hopMisroutedOnly, int lotPartitions,
                                 KafkaConnection connection, Duration timeout, String setting,
                                 String hopSetting) {
        boolean checkHop = !producersPartitionByLotId && hopMisroutedOnly;
        if ((producersPartitionByLotId || checkHop) && !PartitionCounts.check(connection,
                List.of(Topics.XRF_READINGS.name(), Topics.LOTS.name()), timeout,
                counts -> checkHop ? hopProblem(counts, lotPartitions, hopSetting) : problem(counts, setting))) {
            LOG.warn("partition counts not checked: the cluster at {} did not answer within {}", connection, timeout);
        }
    }

    /** What is wrong with these counts when only misrouted records take the copy onto lotPartitions partitions. */
    public static Optional<String> hopProblem(Map<String, Integer> counts, int lotPartitions, String hopSetting) {
        for (String topic : List.of(Topics.XRF_READINGS.name(), Topics.LOTS.name())) {
            Integer count = counts.get(topic);
            if (count != null && count > lotPartitions) {
                return Optional.of(hopSetting + "=true, but " + topic + " has " + count + " partitions, more than the "
                        + lotPartitions + " lot partitions: Kafka Streams would look lots up on the wrong partition."
                        + " Set " + hopSetting + "=false (with a new application id), or raise lot-partitions to "
                        + count + " (with a new application id).");
            }
        }
        return Optional.empty();
    }

    /** What is wrong with these partition counts (topic → count; missing topics are left out), or empty. */
    public static Optional<String> problem(Map<String, Integer> counts, String setting) {
        Integer readings = counts.get(Topics.XRF_READINGS.name());
        Integer lots = counts.get(Topics.LOTS.name());
        if (readings == null || lots == null || readings.equals(lots)) {
            return Optional.empty();
        }
        return Optional.of(setting + "=true, but xrf.readings has " + readings + " partitions and lots " + lots
                + ": a lot's readings and metadata would be on different partitions. Give both topics the same count, or"
                + " set " + setting + "=false (with a new application id) so the screener copies them by lot id.");
    }
}
