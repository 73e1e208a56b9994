package io.reescreen.simulator.lab;

import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.simulator.ProducerSettings;
import io.reescreen.simulator.SimulatedLot;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lab on Kafka: publishes a {@link LabResultGenerator}'s results for the given lots to {@code lab.results} (or
 * another topic), keyed by the lot id each result claims, serialized with the caller's serde.
 *
 * <p>All results are sent at once: the lab's delay lives in each result's reportedAt, in simulated time, not in
 * wall-clock waiting. As in the XRF simulator, one idempotent producer with acks=all carries the records as bytes
 * serialized here, the Kafka record timestamp is the send time, and every record carries {@link LabHeaders}.
 * The serde stays the caller's: it is neither configured nor closed here. A lab simulator runs once.
 */
public final class LabSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(LabSimulator.class);

    private final Map<String, Object> producerConfig;
    private final Serde<LabResult> serde;
    private final String topic;
    private final LabPlan plan;
    private final List<SimulatedLabResult> results;
    private final AtomicBoolean started = new AtomicBoolean();

    // Written by the producer's I/O thread in callbacks.
    private final List<String> goodIds = new ArrayList<>();
    private final Map<BadLabResultKind, List<String>> badIds = new EnumMap<>(BadLabResultKind.class);
    private long sent;
    private long failed;
    private Exception firstFailure;

    public LabSimulator(String bootstrapServers, Serde<LabResult> serde, List<SimulatedLot> lots, LabPlan plan) {
        this(bootstrapServers, serde, lots, plan, Topics.LAB_RESULTS.name(), Map.of());
    }

    /**
     * @param topic             where to publish (default {@code lab.results})
     * @param producerOverrides extra producer settings (batching, compression, security); idempotence and acks=all
     *                          are always kept
     */
    public LabSimulator(String bootstrapServers, Serde<LabResult> serde, List<SimulatedLot> lots, LabPlan plan,
                        String topic, Map<String, Object> producerOverrides) {
        this(serde, lots, plan, topic, ProducerSettings.of(bootstrapServers, clientId(plan), producerOverrides));
    }

    /**
     * On a secured cluster: the connection's address and security settings.
     *
     * @param producerOverrides extra producer settings (batching, compression), no security key
     */
    public LabSimulator(KafkaConnection connection, Serde<LabResult> serde, List<SimulatedLot> lots, LabPlan plan,
                        String topic, Map<String, Object> producerOverrides) {
        this(serde, lots, plan, topic, ProducerSettings.of(connection, clientId(plan), producerOverrides));
    }

    private LabSimulator(Serde<LabResult> serde, List<SimulatedLot> lots, LabPlan plan, String topic,
                         Map<String, Object> producerConfig) {
        this.serde = Objects.requireNonNull(serde, "serde");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.results = LabResultGenerator.generate(lots, plan);
        this.producerConfig = producerConfig;
    }

    private static String clientId(LabPlan plan) {
        return "reescreen-lab-simulator-" + plan.labId();
    }

    public LabPlan plan() {
        return plan;
    }

    public String topic() {
        return topic;
    }

    /** What {@link #run()} publishes (or has published), with the answer key. */
    public List<SimulatedLabResult> results() {
        return results;
    }

    /**
     * Publishes every result on this thread and returns when all are acknowledged.
     *
     * @throws IllegalStateException when already run, or when any result could not be delivered (the cause is the
     *                               first failure)
     */
    public LabSimulationReport run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a lab simulator runs once; make a new one");
        }
        LOG.info("Lab {}: publishing {} results ({} bad) to {}", plan.labId(), results.size(),
                results.stream().filter(r -> !r.isGood()).count(), topic);
        Serializer<LabResult> serializer = serde.serializer();
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            for (SimulatedLabResult result : results) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(LabHeaders.LAB_RESULT_ID, LabHeaders.utf8(result.labResultId()));
                result.badKind().ifPresent(kind -> headers.add(LabHeaders.BAD_LAB_RESULT_KIND,
                        LabHeaders.utf8(kind.name())));
                byte[] value = serializer.serialize(topic, headers, result.labResult());
                producer.send(new ProducerRecord<>(topic, null, result.lotId(), value, headers), (metadata, error) -> {
                    if (error == null) {
                        acknowledged(result);
                    } else {
                        failed(error);
                    }
                });
            }
            producer.flush();
        }
        LabSimulationReport report = report();
        LOG.info("Lab {}: {} results acknowledged ({} good, {} bad), {} failed", plan.labId(), report.resultsSent(),
                report.goodResults(), report.badResults(), report.failedSends());
        synchronized (this) {
            if (failed > 0) {
                throw new IllegalStateException(failed + " lab result(s) were not delivered to " + topic, firstFailure);
            }
        }
        return report;
    }

    /** The counts so far (final once {@link #run()} has returned). */
    public synchronized LabSimulationReport report() {
        return new LabSimulationReport(topic, sent, failed, goodIds, badIds);
    }

    private synchronized void acknowledged(SimulatedLabResult result) {
        sent++;
        if (result.isGood()) {
            goodIds.add(result.labResultId());
        } else {
            badIds.computeIfAbsent(result.badKind().orElseThrow(), k -> new ArrayList<>()).add(result.labResultId());
        }
    }

    private synchronized void failed(Exception cause) {
        failed++;
        if (firstFailure == null) {
            firstFailure = cause;
        }
    }
}
