package io.reescreen.retrainer.performance;

import io.reescreen.schemas.DriftAlarm;
import io.reescreen.schemas.Topics;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift alarms onto models.drift (key: the site, {@value PerformanceBoard#NO_SITE} for lots without one). Sent without
 * waiting: the alarm is also logged and counted, and a failed send is logged; the comparisons it was judged on stay
 * on models.performance.
 */
public final class DriftAlarmPublisher implements Consumer<DriftAlarm>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftAlarmPublisher.class);

    private final Producer<String, DriftAlarm> producer;

    public DriftAlarmPublisher(Producer<String, DriftAlarm> producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    @Override
    public void accept(DriftAlarm alarm) {
        producer.send(new ProducerRecord<>(Topics.MODEL_DRIFT.name(), PerformanceBoard.site(alarm.getSiteId()), alarm),
                (metadata, e) -> {
                    if (e != null) {
                        LOG.warn("drift alarm for site {} not published: {}", PerformanceBoard.site(alarm.getSiteId()),
                                e.toString());
                    }
                });
    }

    @Override
    public void close() {
        producer.close();
    }
}
