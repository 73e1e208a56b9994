package io.reescreen.screener.board;

import io.reescreen.schemas.AlertAcknowledgement;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes acknowledgements to {@code ree.alerts.acks} (key: alert id; compacted, so the last one of every alert stays),
 * idempotently, and waits for the broker to have it: the board shows an acknowledgement when it reads it back, so
 * every instance shows it and it outlives restarts. The board's only write. The producer is made on the first one.
 */
final class AlertAcknowledger implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> config;
    private final RegistrySerdes registry;
    private KafkaProducer<String, AlertAcknowledgement> producer;

    AlertAcknowledger(KafkaConnection connection, RegistrySerdes registry) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reescreen-board-acks-" + ProcessHandle.current().pid());
        // The operator waits for the answer: bounded as a whole, including the wait for the topic's metadata in send().
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.config = connection.clientConfig(config);
        this.registry = registry;
    }

    /** The producer's settings (secrets included: never print them). */
    Map<String, Object> producerConfig() {
        return Map.copyOf(config);
    }

    /** Sends it and returns once the broker has it; throws when it could not be written. */
    AlertAcknowledgement acknowledge(String alertId, String lotId, String operator, String note, Instant at)
            throws TimeoutException, ExecutionException, InterruptedException {
        AlertAcknowledgement ack = AlertAcknowledgement.newBuilder().setAlertId(alertId).setLotId(lotId)
                .setOperator(operator).setNote(note).setAcknowledgedAt(at).build();
        producer().send(new ProducerRecord<>(Topics.ALERT_ACKS.name(), alertId, ack))
                .get(SEND_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        return ack;
    }

    private synchronized KafkaProducer<String, AlertAcknowledgement> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(config, new StringSerializer(),
                    registry.valueSerde(AlertAcknowledgement.class).serializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
