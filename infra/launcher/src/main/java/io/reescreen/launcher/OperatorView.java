package io.reescreen.launcher;

import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.errors.WakeupException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a yard operator sees in the demo: alerts the moment they are raised, dead-lettered readings and lab
 * results with their reason, model releases as the release gate serves or refuses them (models.served, which only
 * holds releases that decode, and models.releases.dlq), and every few seconds a table of the lots with their latest
 * prediction. Reads the output topics as any other consumer would (read-committed, so only what the screener
 * committed). Keys and ids are shown through {@link ShownId}: a dead letter's key may be a megabyte.
 */
final class OperatorView implements Runnable, AutoCloseable {

    private static final Duration TABLE_EVERY = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<ReePrediction> predictions;
    private final Deserializer<HighReeAlert> alerts;
    private final Deserializer<ModelRelease> releases;
    private final PrintStream out;
    private final Map<String, ReePrediction> latest = new TreeMap<>();
    private int deadLettered;
    private volatile boolean running = true;

    OperatorView(String bootstrapServers, RegistrySerdes serdes, PrintStream out) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reescreen-demo-operator-view",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.predictions = serdes.valueSerde(ReePrediction.class).deserializer();
        this.alerts = serdes.valueSerde(HighReeAlert.class).deserializer();
        this.releases = serdes.valueSerde(ModelRelease.class).deserializer();
        this.out = out;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(Topics.REE_PREDICTIONS.name(), Topics.REE_ALERTS.name(), Topics.XRF_READINGS_DLQ.name(),
                Topics.LAB_RESULTS_DLQ.name(), Topics.MODEL_SERVED.name(), Topics.MODEL_RELEASES_DLQ.name()));
        Instant nextTable = Instant.now().plus(TABLE_EVERY);
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    show(record);
                }
                if (Instant.now().isAfter(nextTable)) {
                    printTable();
                    nextTable = Instant.now().plus(TABLE_EVERY);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    void show(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (topic.equals(Topics.REE_PREDICTIONS.name())) {
            ReePrediction p = predictions.deserialize(topic, record.headers(), record.value());
            latest.put(p.getLotId(), p);
        } else if (topic.equals(Topics.REE_ALERTS.name())) {
            HighReeAlert a = alerts.deserialize(topic, record.headers(), record.value());
            out.printf(Locale.ROOT, "%s ALERT  lot %s %s (%s): total REE %.0f ppm mol [%.0f-%.0f], P(>= %.0f) = %.2f, model %s; %s%n",
                    Instant.now(), ShownId.of(a.getLotId()), a.getTransition(), a.getTrigger(), a.getTotalReeMeanPpmMol(),
                    a.getTotalReeP05PpmMol(), a.getTotalReeP95PpmMol(), a.getThresholdTotalReePpmMol(),
                    a.getProbTotalAtOrAboveThreshold(), a.getModelVersion(), a.getReason());
        } else if (topic.equals(Topics.MODEL_RELEASES_DLQ.name())) {
            out.printf(Locale.ROOT, "%s MODEL  %s release REFUSED by the gate: %s (%s)%n", Instant.now(),
                    ShownId.of(record.key()), header(record, "reescreen.dlq.reason"), header(record, "reescreen.dlq.detail"));
        } else if (topic.equals(Topics.MODEL_SERVED.name())) {
            if (record.value() == null) {
                out.printf(Locale.ROOT, "%s MODEL  %s withdrawn (tombstone): screeners go back to their bootstrap model%n",
                        Instant.now(), ShownId.of(record.key()));
                return;
            }
            ModelRelease r = releases.deserialize(topic, record.headers(), record.value());
            out.printf(Locale.ROOT, "%s MODEL  %s %s %s (parent %s)%s%n", Instant.now(), ShownId.of(r.getModelName()),
                    r.getAction(), ShownId.of(r.getVersion()), r.getParentVersion() == null ? "none" : ShownId.of(r.getParentVersion()),
                    r.getNote() == null ? "" : ": " + r.getNote());
        } else if (topic.equals(Topics.LAB_RESULTS_DLQ.name())) {
            out.printf(Locale.ROOT, "%s LABDLQ lot %s: %s (%s)%n", Instant.now(), ShownId.of(record.key()),
                    header(record, "reescreen.dlq.reason"), header(record, "reescreen.dlq.detail"));
        } else {
            deadLettered++;
            out.printf(Locale.ROOT, "%s DLQ    lot %s: %s (%s)%n", Instant.now(), ShownId.of(record.key()),
                    header(record, "reescreen.dlq.reason"),
                    header(record, "reescreen.dlq.detail"));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void printTable() {
        if (latest.isEmpty()) {
            out.println("(no predictions yet)");
            return;
        }
        out.printf(Locale.ROOT, "%n%-26s %6s %10s %17s %7s %4s  %-22s %s%n", "lot", "shots", "total REE", "90 % interval",
                "P(high)", "OOD", "strongest attribution", "model");
        for (ReePrediction p : latest.values()) {
            ReeEstimate total = p.getOutputs().stream().filter(e -> e.getTarget() == ReeTarget.TOTAL_REE).findFirst().orElseThrow();
            OxideAttribution top = p.getAttributions().stream()
                    .max(Comparator.comparingDouble(a -> Math.abs(a.getContributionPpmMol()))).orElse(null);
            out.printf(Locale.ROOT, "%-26s %6d %10.0f %8.0f - %6.0f %7.2f %4s  %-22s %s%n", ShownId.of(p.getLotId()), p.getReadingCount(),
                    total.getMeanPpmMol(), total.getP05PpmMol(), total.getP95PpmMol(), p.getProbTotalAtOrAboveThreshold(),
                    p.getOutOfDomain() ? "yes" : "no",
                    top == null ? "" : String.format(Locale.ROOT, "%s %+.0f", top.getOxide(), top.getContributionPpmMol()),
                    p.getModelVersion());
        }
        out.printf(Locale.ROOT, "REE in ppm by mole of the REE oxides; P(high) = P(total >= %.0f ppm mol); %d readings dead-lettered so far%n%n",
                latest.values().iterator().next().getThresholdTotalReePpmMol(), deadLettered);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
