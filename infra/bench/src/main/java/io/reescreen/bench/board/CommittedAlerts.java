package io.reescreen.bench.board;

import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.AlertTrigger;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.MajorOxide;
import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Alerts written straight onto {@code ree.alerts}, one Kafka transaction each, so that "committed" is exact: the time
 * kept for an alert is when {@code commitTransaction} returned, i.e. when a {@code read_committed} reader may see it.
 */
final class CommittedAlerts implements AutoCloseable {

    private final KafkaProducer<String, HighReeAlert> producer;
    private final String run;
    private final Map<String, Double> committedAtMs = new LinkedHashMap<>();

    CommittedAlerts(String bootstrapServers, RegistrySerdes serdes, String run) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-board-" + run);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), serdes.valueSerde(HighReeAlert.class).serializer());
        this.producer.initTransactions();
        this.run = run;
    }

    /** Commits alert number {@code n} (for lot BENCH-{run}-{n}) and notes when its commit returned. */
    void commit(int n) {
        String lotId = "BENCH-" + run + "-" + n;
        String alertId = UUID.randomUUID().toString();
        HighReeAlert alert = alert(alertId, lotId, Instant.now());
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(Topics.REE_ALERTS.name(), lotId, alert));
        producer.commitTransaction();
        committedAtMs.put(alertId, epochMillis(Instant.now()));
    }

    /** Alert id to when its transaction committed, ms since the Unix epoch (fractional). */
    Map<String, Double> committedAtMs() {
        return Map.copyOf(committedAtMs);
    }

    static double epochMillis(Instant at) {
        return at.getEpochSecond() * 1e3 + at.getNano() / 1e6;
    }

    private static HighReeAlert alert(String alertId, String lotId, Instant at) {
        return HighReeAlert.newBuilder().setAlertId(alertId).setLotId(lotId).setSiteId("YARD-A").setRaisedAt(at)
                .setTransition(AlertTransition.BECAME_LIKELY_HIGH).setTrigger(AlertTrigger.NEW_READINGS)
                .setTotalReeMeanPpmMol(210).setTotalReeP05PpmMol(180).setTotalReeP95PpmMol(240)
                .setThresholdTotalReePpmMol(157).setProbTotalAtOrAboveThreshold(0.93).setAlertProbability(0.5)
                .setOutOfDomain(false)
                .setTopAttributions(List.of(
                        OxideAttribution.newBuilder().setOxide(MajorOxide.CaO).setContributionPpmMol(19.4).build(),
                        OxideAttribution.newBuilder().setOxide(MajorOxide.Al2O3).setContributionPpmMol(-7.1).build()))
                .setModelVersion("bench-board").setReadingCount(3).setReason("P(high) rose to 0.93")
                .setModelSiteId(null).build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
