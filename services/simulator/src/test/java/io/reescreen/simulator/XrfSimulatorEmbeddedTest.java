package io.reescreen.simulator;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator against a real broker and registry: what it reports is exactly what is on the topics. */
@ExtendWith(EmbeddedStackExtension.class)
class XrfSimulatorEmbeddedTest {


    @Test
    void publishedLotsAndReadingsAddUpExactly(EmbeddedStack stack) {
        String runId = "it" + UUID.randomUUID().toString().substring(0, 8);
        SimulationPlan plan = SimulationPlan.builder()
                .runId(runId).seed(77)
                .lotMix(LotMix.of(6, 0.5, 77))
                .shotsPerLot(25)
                .totalReadings(300) // two turns over the six lots
                .badInputFraction(0.2)
                .clock(ShotClock.stepping(Instant.now().minus(Duration.ofHours(1)), Duration.ofMillis(100)))
                .build();

        SimulationReport report;
        try (XrfSimulator simulator = new XrfSimulator(stack.bootstrapServers(), stack.serdes(), plan)) {
            report = simulator.run();
            assertTrue(simulator.isFinished());
        }
        assertEquals(6, report.lotsPublished());
        assertEquals(300, report.readingsSent());
        assertEquals(0, report.failedSends());
        assertFalse(report.stopped());
        assertTrue(report.badReadings() > 30, "some bad readings: " + report.badReadingsPerKind());
        assertEquals(SimulationReport.tally(plan, ShotGenerator.stream(plan).toList()).badReadingsPerKind(),
                report.badReadingsPerKind(), "Kafka carries exactly the pure generator's shots");

        // lots: exactly the plan's lots, decodable as LotInfo
        Deserializer<LotInfo> lotDecoder = stack.serdes().valueSerde(LotInfo.class).deserializer();
        List<ConsumerRecord<String, byte[]>> lotRecords = CommittedRecords.read(stack, Topics.LOTS.name(),
                r -> r.key().contains(runId), 6);
        assertEquals(plan.lots().stream().map(SimulatedLot::lotId).collect(Collectors.toSet()),
                lotRecords.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
        for (ConsumerRecord<String, byte[]> r : lotRecords) {
            LotInfo info = lotDecoder.deserialize(r.topic(), r.headers(), r.value());
            assertEquals(r.key(), info.getLotId());
        }

        // readings: every one back exactly once, good ones decode to the generator's readings, UNDECODABLE does not
        Deserializer<XrfReading> decoder = stack.serdes().valueSerde(XrfReading.class).deserializer();
        Map<String, SimulatedShot> expected = new HashMap<>();
        ShotGenerator.stream(plan).forEach(s -> expected.put(s.readingId(), s));
        List<ConsumerRecord<String, byte[]>> records = CommittedRecords.read(stack, Topics.XRF_READINGS.name(),
                r -> SimulatorHeaders.readingId(r.headers()).orElse("").startsWith(runId + "-"), 300);
        assertEquals(300, records.size());

        Map<String, List<String>> goodIdsPerLot = new LinkedHashMap<>();
        plan.lots().forEach(l -> goodIdsPerLot.put(l.lotId(), new ArrayList<>()));
        Map<BadInputKind, List<String>> badIdsPerKind = new EnumMap<>(BadInputKind.class);
        for (BadInputKind kind : BadInputKind.values()) {
            badIdsPerKind.put(kind, new ArrayList<>());
        }
        for (ConsumerRecord<String, byte[]> r : records) {
            String readingId = SimulatorHeaders.readingId(r.headers()).orElseThrow();
            SimulatedShot shot = expected.get(readingId);
            assertEquals(shot.lotId(), r.key(), "keyed by the lot id the reading claims");
            Optional<BadInputKind> kind = SimulatorHeaders.badInputKind(r.headers());
            assertEquals(shot.badInput(), kind);
            if (kind.orElse(null) == BadInputKind.UNDECODABLE) {
                assertThrows(RuntimeException.class, () -> decoder.deserialize(r.topic(), r.headers(), r.value()),
                        "an undecodable value does not decode");
            } else {
                XrfReading reading = decoder.deserialize(r.topic(), r.headers(), r.value());
                assertEquals(shot.reading(), reading, readingId);
            }
            if (kind.isPresent()) {
                badIdsPerKind.get(kind.get()).add(readingId);
            } else {
                goodIdsPerLot.get(r.key()).add(readingId);
            }
        }
        assertEquals(sorted(report.goodReadingIdsPerLot()), sorted(goodIdsPerLot));
        assertEquals(sorted(report.badReadingIdsPerKind()), sorted(badIdsPerKind));
        report.goodReadingsPerLot().forEach((lot, n) -> assertEquals(n, goodIdsPerLot.get(lot).size(), lot));
        report.badReadingsPerKind().forEach((kind, n) -> assertEquals(n, badIdsPerKind.get(kind).size(), kind.name()));
        assertEquals(300, report.goodReadings() + report.badReadings());
    }

    @Test
    void aRunUntilStoppedEndsOnStopWithEverythingCounted(EmbeddedStack stack) throws Exception {
        String runId = "stop" + UUID.randomUUID().toString().substring(0, 8);
        SimulationPlan plan = SimulationPlan.builder().runId(runId).seed(3).lotMix(LotMix.of(3, 0.3, 3))
                .readingsPerSecond(1000).untilStopped().badInputFraction(0.1).build();
        XrfSimulator simulator = new XrfSimulator(stack.bootstrapServers(), stack.serdes(), plan);
        CompletableFuture<SimulationReport> running = simulator.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (simulator.progress().readingsSent() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(simulator.isFinished(), "still running until stopped");
        simulator.close(); // stops and waits for the flush
        SimulationReport report = running.get(30, TimeUnit.SECONDS);
        assertTrue(report.stopped());
        assertTrue(report.readingsSent() >= 200, "sent " + report.readingsSent());
        assertEquals(0, report.failedSends());
        SimulationProgress progress = simulator.progress();
        assertTrue(progress.finished());
        assertEquals(0, progress.inFlight());
        assertEquals(report.readingsSent(), progress.readingsAttempted());

        int sent = (int) report.readingsSent();
        List<ConsumerRecord<String, byte[]>> records = CommittedRecords.read(stack, Topics.XRF_READINGS.name(),
                r -> SimulatorHeaders.readingId(r.headers()).orElse("").startsWith(runId + "-"), sent);
        assertEquals(sent, records.size());
        assertEquals(IntStream.rangeClosed(1, sent).mapToObj(i -> String.format("%s-r%08d", runId, i))
                        .collect(Collectors.toSet()),
                records.stream().map(r -> SimulatorHeaders.readingId(r.headers()).orElseThrow())
                        .collect(Collectors.toSet()), "no gap, no duplicate");
        assertThrows(IllegalStateException.class, simulator::run, "a simulator runs once");
    }

    private static <K extends Comparable<K>> Map<K, Set<String>> sorted(Map<K, List<String>> ids) {
        Map<K, Set<String>> out = new java.util.TreeMap<>();
        ids.forEach((k, v) -> {
            assertEquals(v.size(), Set.copyOf(v).size(), "no duplicate ids under " + k);
            out.put(k, Set.copyOf(v));
        });
        return out;
    }
}
