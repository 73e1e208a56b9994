package io.reescreen.simulator;

import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The yard's analyzers on Kafka: publishes a {@link SimulationPlan}'s lots to {@code lots}, then its shots to
 * {@code xrf.readings} keyed by lot id, Avro through the registry serializer (UNDECODABLE ones as their raw bytes).
 *
 * <p>One idempotent producer with acks=all carries every record as bytes, serialized here with the registry serdes,
 * so the garbage and the good readings share one ordered, exactly-once-per-send stream. The Kafka record timestamp
 * is left to the producer (send time): sampledAt lives in the value, and a FUTURE_TIMESTAMP reading must not drag
 * the screener's stream time a day ahead. Every reading record carries {@link SimulatorHeaders}.
 *
 * <p>Use {@link #run()} to publish on the calling thread, or {@link #start()} for a background thread; {@link #stop()}
 * ends a run early (the report then says {@code stopped}); {@link #progress()} and {@link #report()} observe it.
 * A simulator runs once.
 */
public final class XrfSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(XrfSimulator.class);
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> producerConfig;
    private final RegistrySerdes serdes;
    private final SimulationPlan plan;
    private final ReportRecorder recorder;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile boolean finished;
    private volatile boolean stoppedEarly;
    private volatile long startNanos;
    private volatile long endNanos;

    public XrfSimulator(String bootstrapServers, RegistrySerdes serdes, SimulationPlan plan) {
        this(bootstrapServers, serdes, plan, Map.of());
    }

    /**
     * @param producerOverrides extra producer settings (batching, compression, security); idempotence and acks=all
     *                          are always kept
     */
    public XrfSimulator(String bootstrapServers, RegistrySerdes serdes, SimulationPlan plan,
                        Map<String, Object> producerOverrides) {
        this(serdes, plan, ProducerSettings.of(bootstrapServers, clientId(plan), producerOverrides));
    }

    /**
     * On a secured cluster: the connection's address and security settings.
     *
     * @param producerOverrides extra producer settings (batching, compression), no security key
     */
    public XrfSimulator(KafkaConnection connection, RegistrySerdes serdes, SimulationPlan plan,
                        Map<String, Object> producerOverrides) {
        this(serdes, plan, ProducerSettings.of(connection, clientId(plan), producerOverrides));
    }

    private XrfSimulator(RegistrySerdes serdes, SimulationPlan plan, Map<String, Object> producerConfig) {
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.recorder = new ReportRecorder(plan);
        this.producerConfig = producerConfig;
    }

    private static String clientId(SimulationPlan plan) {
        return "reescreen-simulator-" + plan.runId();
    }

    public SimulationPlan plan() {
        return plan;
    }

    /**
     * Publishes the plan on this thread and returns when every record is acknowledged, or after {@link #stop()}.
     *
     * @throws IllegalStateException when already started, or when any record could not be delivered (the cause is
     *                               the first failure; {@link #report()} still has the counts)
     */
    public SimulationReport run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a simulator runs once; make a new one for run " + plan.runId());
        }
        startNanos = System.nanoTime();
        LOG.info("Simulating run {}: {} lots, {} analyzers, {} readings at {} readings/s, {} % bad", plan.runId(),
                plan.lots().size(), plan.analyzers().size(),
                plan.runsUntilStopped() ? "until stopped" : plan.totalReadings(),
                plan.isThrottled() ? plan.readingsPerSecond() : "unthrottled", 100 * plan.badInputFraction());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
             Serializer<LotInfo> lotSerializer = serdes.valueSerde(LotInfo.class).serializer();
             Serializer<XrfReading> readingSerializer = serdes.valueSerde(XrfReading.class).serializer()) {
            publishLots(producer, lotSerializer);
            publishReadings(producer, readingSerializer);
        } finally {
            endNanos = System.nanoTime();
            finished = true;
            done.countDown();
        }
        SimulationReport report = report();
        LOG.info("Run {} {}: {} readings ({} good, {} bad) on {} lots in {} ms", plan.runId(),
                report.stopped() ? "stopped" : "done", report.readingsSent(), report.goodReadings(),
                report.badReadings(), report.lotsPublished(), report.elapsed().toMillis());
        if (recorder.failedCount() > 0) {
            throw new IllegalStateException(recorder.failedCount() + " record(s) of run " + plan.runId()
                    + " were not delivered", recorder.firstFailure());
        }
        return report;
    }

    /** Runs on a background daemon thread; the future completes with the report (or the failure). */
    public CompletableFuture<SimulationReport> start() {
        CompletableFuture<SimulationReport> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(run());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }, "xrf-simulator-" + plan.runId());
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    /** Asks the run to end after the reading in hand; what was sent is still flushed and counted. */
    public void stop() {
        stopRequested = true;
    }

    public boolean isFinished() {
        return finished;
    }

    /** Counts so far; cheap enough to poll. */
    public SimulationProgress progress() {
        return recorder.progress(elapsed(), finished);
    }

    /** The full report so far (final once the run has ended). */
    public SimulationReport report() {
        return recorder.report(elapsed(), finished, stoppedEarly);
    }

    /** Stops the run and waits (up to a minute) for its records to be flushed. */
    @Override
    public void close() {
        stop();
        if (started.get()) {
            try {
                if (!done.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Run {} did not end within {} s of close()", plan.runId(), CLOSE_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void publishLots(KafkaProducer<String, byte[]> producer, Serializer<LotInfo> serializer) {
        String topic = Topics.LOTS.name();
        Instant updatedAt = plan.clock().isWall() ? Instant.now() : plan.clock().start();
        for (SimulatedLot lot : plan.lots()) {
            RecordHeaders headers = new RecordHeaders();
            byte[] value = serializer.serialize(topic, headers, lot.toLotInfo(updatedAt));
            producer.send(new ProducerRecord<>(topic, null, lot.lotId(), value, headers), (metadata, error) -> {
                if (error == null) {
                    recorder.lotPublished();
                } else {
                    recorder.failed(error);
                }
            });
        }
        // Lots first: the screener should know a lot before its first reading arrives.
        producer.flush();
        if (recorder.failedCount() > 0) {
            throw new IllegalStateException("lots of run " + plan.runId() + " were not delivered",
                    recorder.firstFailure());
        }
    }

    private void publishReadings(KafkaProducer<String, byte[]> producer, Serializer<XrfReading> serializer) {
        String topic = Topics.XRF_READINGS.name();
        ShotGenerator shots = new ShotGenerator(plan);
        Pacer pacer = new Pacer(plan.readingsPerSecond());
        long nextLog = System.nanoTime() + PROGRESS_LOG_INTERVAL.toNanos();
        while (shots.hasNext()) {
            // Pace before making the shot, so a wall-clock sampledAt is the time it is sent.
            if (stopRequested || !pacer.awaitTurn(() -> stopRequested)) {
                stoppedEarly = true;
                break;
            }
            SimulatedShot shot = shots.next();
            RecordHeaders headers = new RecordHeaders();
            headers.add(SimulatorHeaders.READING_ID, SimulatorHeaders.utf8(shot.readingId()));
            shot.badInput().ifPresent(kind -> headers.add(SimulatorHeaders.BAD_INPUT_KIND,
                    SimulatorHeaders.utf8(kind.name())));
            byte[] value = shot.isUndecodable() ? shot.undecodableBytes()
                    : serializer.serialize(topic, headers, shot.reading());
            recorder.attempted();
            producer.send(new ProducerRecord<>(topic, null, shot.lotId(), value, headers), (metadata, error) -> {
                if (error == null) {
                    recorder.acknowledged(shot);
                } else {
                    recorder.failed(error);
                }
            });
            if (System.nanoTime() > nextLog) {
                LOG.info("Run {}: {}", plan.runId(), progress());
                nextLog += PROGRESS_LOG_INTERVAL.toNanos();
            }
        }
        producer.flush();
    }

    private Duration elapsed() {
        long start = startNanos;
        if (start == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((finished ? endNanos : System.nanoTime()) - start);
    }
}
