package io.reescreen.schemas;

import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How many partitions topics have on the cluster, for the start-up checks of services whose stores assume that a lot
 * is on the same partition number of several topics.
 */
public final class PartitionCounts {

    private PartitionCounts() {
    }

    /**
     * Asks the cluster for the partition counts of {@code topics} and applies {@code rule} to them.
     *
     * @return false when the cluster did not answer within {@code timeout} (nothing was checked; Kafka Streams keeps
     *         trying to reach it, and the caller says so)
     * @throws IllegalStateException with the rule's sentence when it finds a problem: the service must not start
     */
    public static boolean check(String bootstrapServers, Collection<String> topics, Duration timeout,
                                Function<Map<String, Integer>, Optional<String>> rule) {
        return check(KafkaConnection.plaintext(bootstrapServers), topics, timeout, rule);
    }

    /** As {@link #check(String, Collection, Duration, Function)}, on a cluster that wants security settings. */
    public static boolean check(KafkaConnection connection, Collection<String> topics, Duration timeout,
                                Function<Map<String, Integer>, Optional<String>> rule) {
        Optional<Map<String, Integer>> counts;
        try {
            counts = describe(connection, topics, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the cluster for partition counts", e);
        }
        if (counts.isEmpty()) {
            return false;
        }
        Optional<String> problem = rule.apply(counts.get());
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        return true;
    }

    /**
     * The partition count of each of {@code topics} that exists (a missing one is left out: Kafka Streams reports
     * missing source topics itself); empty when the cluster does not answer within {@code timeout}.
     */
    public static Optional<Map<String, Integer>> describe(String bootstrapServers, Collection<String> topics,
                                                          Duration timeout) throws InterruptedException {
        return describe(KafkaConnection.plaintext(bootstrapServers), topics, timeout);
    }

    /** As {@link #describe(String, Collection, Duration)}, on a cluster that wants security settings. */
    public static Optional<Map<String, Integer>> describe(KafkaConnection connection, Collection<String> topics,
                                                          Duration timeout) throws InterruptedException {
        try (Admin admin = Admin.create(connection.clientConfig(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())))) {
            Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics).topicNameValues();
            Map<String, Integer> counts = new LinkedHashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
                try {
                    counts.put(e.getKey(), e.getValue().get(Math.max(0, deadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS).partitions().size());
                } catch (ExecutionException x) {
                    if (!(x.getCause() instanceof UnknownTopicOrPartitionException)) {
                        return Optional.empty();
                    }
                } catch (TimeoutException x) {
                    return Optional.empty();
                }
            }
            return Optional.of(counts);
        }
    }
}
