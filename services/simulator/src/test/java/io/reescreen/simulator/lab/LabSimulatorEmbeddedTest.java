package io.reescreen.simulator.lab;

import io.reescreen.simulator.CommittedRecords;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.Topics;
import io.reescreen.simulator.LotMix;
import io.reescreen.simulator.SimulatedLot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
            List<ConsumerRecord<String, byte[]>> records = CommittedRecords.read(stack, Topics.LAB_RESULTS.name(),
                    r -> r.key() != null && r.key().contains(runId), 10);
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
}
