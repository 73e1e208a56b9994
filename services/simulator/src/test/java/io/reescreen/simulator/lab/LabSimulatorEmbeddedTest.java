package io.reescreen.simulator.lab;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.Topics;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.SimulatedLot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab simulator against the embedded broker and registry: what it reports is exactly what is on lab.results. */
@ExtendWith(EmbeddedStackExtension.class)
class LabSimulatorEmbeddedTest {

    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void publishedLabResultsMatchTheGeneratorAndTheReport(EmbeddedStack stack) {
        String runId = "lab" + UUID.randomUUID().toString().substring(0, 8);
        List<SimulatedLot> lots = LotMix.of(20, 0.5, 4).draw(runId);
        LabPlan plan = LabPlan.builder().seed(4).labResultFraction(0.5).badFraction(0.5).build();

        LabSimulationReport report;
        try (Serde<LabResult> serde = stack.serdes().valueSerde(LabResult.class)) {
            LabSimulator lab = new LabSimulator(stack.bootstrapServers(), serde, lots, plan);
            report = lab.run();
            assertThrows(IllegalStateException.class, lab::run, "a lab simulator runs once");
            assertEquals(LabSimulationReport.tally(Topics.LAB_RESULTS.name(), lab.results()).badResultsPerKind(),
                    report.badResultsPerKind());

            assertEquals(10, report.resultsSent());
            assertEquals(0, report.failedSends());
            assertEquals(5, report.badResults());
            Map<String, SimulatedLabResult> expected = new HashMap<>();
            lab.results().forEach(r -> expected.put(r.labResultId(), r));

            Deserializer<LabResult> decoder = serde.deserializer();
            List<ConsumerRecord<String, byte[]>> records = consume(stack, Topics.LAB_RESULTS.name(), runId, 10);
            assertEquals(10, records.size());
            for (ConsumerRecord<String, byte[]> r : records) {
                SimulatedLabResult sim = expected.get(LabHeaders.labResultId(r.headers()).orElseThrow());
                assertEquals(sim.lotId(), r.key(), "keyed by the lot id the result claims");
                assertEquals(sim.badKind(), LabHeaders.badKind(r.headers()));
                assertEquals(sim.labResult(), decoder.deserialize(r.topic(), r.headers(), r.value()));
            }
            assertTrue(report.goodLabResultIds().containsAll(lab.results().stream()
                    .filter(SimulatedLabResult::isGood).map(SimulatedLabResult::labResultId).toList()));
        }
    }

    /** Reads the whole topic and keeps this run's records, until {@code expected} have come and a poll is quiet. */
    private static List<ConsumerRecord<String, byte[]>> consume(EmbeddedStack stack, String topic, String runId,
                                                                int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
            boolean quietAfterAll = false;
            while (!quietAfterAll && System.nanoTime() < deadline) {
                int before = found.size();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.key() != null && r.key().contains(runId)) {
                        found.add(r);
                    }
                }
                quietAfterAll = found.size() >= expected && found.size() == before;
            }
        }
        return found;
    }
}
