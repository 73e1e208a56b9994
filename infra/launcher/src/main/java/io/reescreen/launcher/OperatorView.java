package io.reescreen.launcher;

import io.reescreen.release.ReleaseKey;
import io.reescreen.retrainer.performance.PerformanceReport;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a yard operator sees in the demo: alerts the moment they are raised, dead-lettered readings and lab
 * results with their reason, model releases as the release gate serves or refuses them (models.served, which only
 * holds releases that decode, and models.releases.dlq), every few seconds a table of the lots with their latest
 * prediction, and, once lab results have been compared with what was predicted (models.performance), the realised
 * accuracy per site and model version. Every prediction and alert names the model version and the site model that
 * made it ("base" for the base model). Reads the output topics as any other consumer would (read-committed, so only
 * what the services committed). Keys and ids are shown through {@link ShownId}: a dead letter's key may be a megabyte.
 */
final class OperatorView implements Runnable, AutoCloseable {

    private static final Duration TABLE_EVERY = Duration.ofSeconds(10);
    /** The accuracy table waits for a pause in the comparisons: a lab reports a whole wave at once. */
    private static final Duration ACCURACY_SETTLE = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<ReePrediction> predictions;
    private final Deserializer<HighReeAlert> alerts;
    private final Deserializer<ModelRelease> releases;
    private final Deserializer<ModelPerformance> performance;
    private final PrintStream out;
    private final Map<String, ReePrediction> latest = new TreeMap<>();
    private final List<ModelPerformance> comparisons = new ArrayList<>();
    private Instant lastComparison;
    private boolean accuracyShown = true;
    private int deadLettered;
    private volatile boolean running = true;

    /** @param kafka the demo's broker as the services reach it (its security settings included) */
    OperatorView(KafkaConnection kafka, RegistrySerdes serdes, PrintStream out) {
        this.consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "reescreen-demo-operator-view",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.predictions = serdes.valueSerde(ReePrediction.class).deserializer();
        this.alerts = serdes.valueSerde(HighReeAlert.class).deserializer();
        this.releases = serdes.valueSerde(ModelRelease.class).deserializer();
        this.performance = serdes.valueSerde(ModelPerformance.class).deserializer();
        this.out = out;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(Topics.REE_PREDICTIONS.name(), Topics.REE_ALERTS.name(), Topics.XRF_READINGS_DLQ.name(),
                Topics.LAB_RESULTS_DLQ.name(), Topics.MODEL_SERVED.name(), Topics.MODEL_RELEASES_DLQ.name(),
                Topics.MODEL_PERFORMANCE.name()));
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
                if (!accuracyShown && Instant.now().isAfter(lastComparison.plus(ACCURACY_SETTLE))) {
                    printAccuracy();
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
            prediction(predictions.deserialize(topic, record.headers(), record.value()));
        } else if (topic.equals(Topics.REE_ALERTS.name())) {
            out.println(alertLine(alerts.deserialize(topic, record.headers(), record.value())));
        } else if (topic.equals(Topics.MODEL_PERFORMANCE.name())) {
            if (record.value() != null) {
                comparison(performance.deserialize(topic, record.headers(), record.value()));
            }
        } else if (topic.equals(Topics.MODEL_RELEASES_DLQ.name())) {
            out.printf(Locale.ROOT, "%s MODEL  %s release REFUSED by the gate: %s (%s)%n", Instant.now(),
                    ShownId.of(record.key()), header(record, "reescreen.dlq.reason"), header(record, "reescreen.dlq.detail"));
        } else if (topic.equals(Topics.MODEL_SERVED.name())) {
            if (record.value() == null) {
                out.println(withdrawnLine(record.key()));
                return;
            }
            ModelRelease r = releases.deserialize(topic, record.headers(), record.value());
            out.printf(Locale.ROOT, "%s MODEL  %s%s %s %s (parent %s)%s%n", Instant.now(), ShownId.of(r.getModelName()),
                    r.getSiteId() == null ? "" : " for site " + ShownId.of(r.getSiteId()), r.getAction(),
                    ShownId.of(r.getVersion()), r.getParentVersion() == null ? "none" : ShownId.of(r.getParentVersion()),
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

    void prediction(ReePrediction p) {
        latest.put(p.getLotId(), p);
    }

    /** An alert as the operator reads it: lot, verdict, total REE and its interval, P(high), the model and its site. */
    static String alertLine(HighReeAlert a) {
        return String.format(Locale.ROOT, "%s ALERT  lot %s %s (%s): total REE %.0f ppm mol [%.0f-%.0f], P(>= %.0f) = %.2f, "
                        + "model %s (%s); %s", Instant.now(), ShownId.of(a.getLotId()), a.getTransition(), a.getTrigger(),
                a.getTotalReeMeanPpmMol(), a.getTotalReeP05PpmMol(), a.getTotalReeP95PpmMol(), a.getThresholdTotalReePpmMol(),
                a.getProbTotalAtOrAboveThreshold(), a.getModelVersion(), siteModel(a.getModelSiteId()), a.getReason());
    }

    /** A tombstone on models.served: the base model's (screeners go back to the bootstrap) or one site's. */
    static String withdrawnLine(String key) {
        String what;
        try {
            what = ReleaseKey.parse(key).siteId().map(site -> "site " + ShownId.of(site) + "'s model withdrawn "
                    + "(tombstone): its lots are scored with the base model").orElse(ShownId.of(key) + " withdrawn "
                    + "(tombstone): screeners go back to their bootstrap model");
        } catch (RuntimeException e) {
            what = ShownId.of(key) + " withdrawn (tombstone)"; // a key no release could have: shown as it is
        }
        return Instant.now() + " MODEL  " + what;
    }

    void comparison(ModelPerformance c) {
        comparisons.add(c);
        lastComparison = Instant.now();
        accuracyShown = false;
    }

    /** Per site and model version: the base model's row is the "before", a site's own model's the "after". */
    void printAccuracy() {
        out.printf(Locale.ROOT, "%nREALISED ACCURACY: %d lab results compared with the prediction served for their lot "
                + "before them (models.performance), per site and model version; model site 'base' is the base "
                + "model (before), a site's name its own model (after)%n", comparisons.size());
        PerformanceReport.lines(comparisons, null).forEach(out::println);
        out.println();
        accuracyShown = true;
    }

    /** The site model a prediction names; "base" for the base model. */
    static String siteModel(String modelSiteId) {
        return modelSiteId == null ? "base" : ShownId.of(modelSiteId);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
    }

    void printTable() {
        if (latest.isEmpty()) {
            out.println("(no predictions yet)");
            return;
        }
        out.printf(Locale.ROOT, "%n%-26s %6s %10s %17s %7s %4s  %-22s %-10s %s%n", "lot", "shots", "total REE",
                "90 % interval", "P(high)", "OOD", "strongest attribution", "site model", "model version");
        for (ReePrediction p : latest.values()) {
            ReeEstimate total = p.getOutputs().stream().filter(e -> e.getTarget() == ReeTarget.TOTAL_REE).findFirst().orElseThrow();
            OxideAttribution top = p.getAttributions().stream()
                    .max(Comparator.comparingDouble(a -> Math.abs(a.getContributionPpmMol()))).orElse(null);
            out.printf(Locale.ROOT, "%-26s %6d %10.0f %8.0f - %6.0f %7.2f %4s  %-22s %-10s %s%n", ShownId.of(p.getLotId()),
                    p.getReadingCount(),
                    total.getMeanPpmMol(), total.getP05PpmMol(), total.getP95PpmMol(), p.getProbTotalAtOrAboveThreshold(),
                    p.getOutOfDomain() ? "yes" : "no",
                    top == null ? "" : String.format(Locale.ROOT, "%s %+.0f", top.getOxide(), top.getContributionPpmMol()),
                    siteModel(p.getModelSiteId()), p.getModelVersion());
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
