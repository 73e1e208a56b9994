package io.reescreen.screener.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backlog read off a real metrics registry, with lag metrics named as the Kafka consumer names them. */
class InputBacklogTest {

    private final Metrics registry = new Metrics();

    @AfterEach
    void close() {
        registry.close();
    }

    /** A partition's records-lag, as the consumer's fetch manager registers it. */
    private Sensor lag(String client, String topic, int partition) {
        Sensor sensor = registry.sensor(client + "." + topic + "-" + partition + ".records-lag");
        sensor.add(registry.metricName(InputBacklog.LAG, InputBacklog.GROUP, "",
                Map.of("client-id", client, "topic", topic, "partition", Integer.toString(partition))), new Value());
        return sensor;
    }

    @Test
    void sumsTheLagOfTheReadingsPartitionsAndTheirInternalCopyOverEveryConsumer() {
        lag("thread-1-consumer", "xrf.readings", 0).record(600);
        lag("thread-2-consumer", "xrf.readings", 1).record(300);
        lag("thread-1-consumer", "app-readings-by-lot-repartition", 0).record(150);
        lag("thread-1-consumer", "lots", 0).record(5_000);
        lag("thread-1-restore-consumer", "app-lot-aggregates-changelog", 0).record(9_000);
        InputBacklog backlog = new InputBacklog(1_000);

        backlog.sample(registry::metrics, List::of, 0);

        assertEquals(1_050, backlog.records(), "lots and the changelogs are not readings waiting");
        assertTrue(backlog.behind());
    }

    @Test
    void isNotBehindBelowTheThresholdNorBeforeAnyPartitionIsAssigned() {
        InputBacklog backlog = new InputBacklog(1_000);
        backlog.sample(registry::metrics, List::of, 0);
        assertEquals(0, backlog.records());
        assertFalse(backlog.behind());

        Sensor partition = lag("c", "xrf.readings", 0);
        partition.record(999);
        backlog.sample(registry::metrics, List::of, InputBacklog.RESCAN_MS);
        assertFalse(backlog.behind(), "999 of 1,000");
        partition.record(1_000);
        backlog.sample(registry::metrics, List::of, InputBacklog.RESCAN_MS + InputBacklog.SAMPLE_MS);
        assertTrue(backlog.behind());
        partition.record(0);
        backlog.sample(registry::metrics, List::of, InputBacklog.RESCAN_MS + 2 * InputBacklog.SAMPLE_MS);
        assertFalse(backlog.behind(), "caught up");
    }

    @Test
    void looksTheMetricsUpAtEverySampleUntilOneIsKnownThenOncePerRescanInterval() {
        AtomicInteger lookups = new AtomicInteger();
        java.util.function.Supplier<Map<org.apache.kafka.common.MetricName, org.apache.kafka.common.metrics.KafkaMetric>>
                counting = () -> {
                    lookups.incrementAndGet();
                    return registry.metrics();
                };
        InputBacklog backlog = new InputBacklog(10);
        backlog.sample(counting, List::of, 0);
        Sensor first = lag("c", "xrf_readings", 2); // the older spelling of the topic tag
        first.record(50);
        backlog.sample(counting, List::of, InputBacklog.SAMPLE_MS);
        assertEquals(2, lookups.get(), "none known yet: looked up again at once");
        assertEquals(50, backlog.records());

        lag("c", "xrf.readings", 0).record(30); // a partition assigned later
        backlog.sample(counting, List::of, 2 * InputBacklog.SAMPLE_MS);
        assertEquals(2, lookups.get(), "one known: not before the rescan interval");
        assertEquals(50, backlog.records());
        backlog.sample(counting, List::of, InputBacklog.SAMPLE_MS + InputBacklog.RESCAN_MS);
        assertEquals(3, lookups.get());
        assertEquals(80, backlog.records());
    }

    @Test
    void ignoresALagThatIsNotANumberYet() {
        Sensor partition = lag("c", "xrf.readings", 0);
        partition.record(Double.NaN);
        InputBacklog backlog = new InputBacklog(1);
        backlog.sample(registry::metrics, List::of, 0);
        assertEquals(0, backlog.records());
    }

    /** A task as {@code KafkaStreams#metadataForLocalThreads} describes it. */
    private static TaskMetadata task(Map<TopicPartition, Long> polled, Map<TopicPartition, Long> committed) {
        return new TaskMetadata() {
            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public Set<TopicPartition> topicPartitions() {
                Set<TopicPartition> all = new HashSet<>(polled.keySet());
                all.addAll(committed.keySet());
                return all;
            }

            @Override
            public Map<TopicPartition, Long> committedOffsets() {
                return committed;
            }

            @Override
            public Map<TopicPartition, Long> endOffsets() {
                return polled;
            }

            @Override
            public Optional<Long> timeCurrentIdlingStarted() {
                return Optional.empty();
            }
        };
    }

    private static ThreadMetadata thread(TaskMetadata... active) {
        return new ThreadMetadata() {
            @Override
            public String threadState() {
                return "RUNNING";
            }

            @Override
            public String threadName() {
                return "StreamThread-1";
            }

            @Override
            public Set<TaskMetadata> activeTasks() {
                return Set.of(active);
            }

            @Override
            public Set<TaskMetadata> standbyTasks() {
                return Set.of();
            }

            @Override
            public String consumerClientId() {
                return "consumer";
            }

            @Override
            public String restoreConsumerClientId() {
                return "restore-consumer";
            }

            @Override
            public Set<String> producerClientIds() {
                return Set.of("producer");
            }

            @Override
            public String adminClientId() {
                return "admin";
            }
        };
    }

    @Test
    void addsWhatTheTasksPolledButHaveNotCommittedWhichTheConsumersLagNoLongerCounts() {
        TopicPartition readings = new TopicPartition("xrf.readings", 0);
        TopicPartition copy = new TopicPartition("app-readings-by-lot-repartition", 1);
        TopicPartition lots = new TopicPartition("lots", 0);
        TopicPartition fresh = new TopicPartition("xrf.readings", 2);
        ThreadMetadata one = thread(task(Map.of(readings, 1_999L, lots, 500L), Map.of(readings, 1_000L, lots, 0L)));
        ThreadMetadata two = thread(task(Map.of(copy, 749L, fresh, 300L), Map.of(copy, 250L, fresh, -1L)));
        lag("c", "xrf.readings", 0).record(400);
        InputBacklog backlog = new InputBacklog(1_000);

        backlog.sample(registry::metrics, () -> List.of(one, two), 0);

        // 400 on the broker, 1,000 and 500 polled and not committed; lots do not count, nor a partition not yet committed
        assertEquals(1_900, backlog.records());
        assertTrue(backlog.behind());
        assertEquals(0, InputBacklog.uncommitted(List.of(thread(task(Map.of(readings, 99L), Map.of(readings, 100L))))),
                "all committed");
    }

    @Test
    void refusesAThresholdBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new InputBacklog(0));
    }

    @Test
    void watchingTwiceStartsOneSamplerAndCloseStopsIt() throws Exception {
        lag("c", "xrf.readings", 0).record(2_000);
        try (InputBacklog backlog = new InputBacklog(1_000)) {
            backlog.watch(registry::metrics, List::of);
            backlog.watch(registry::metrics, List::of);
            long deadline = System.currentTimeMillis() + 5_000;
            while (!backlog.behind() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(backlog.behind(), "sampled in the background");
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("reescreen-input-backlog")).count());
        }
    }
}
