package io.reescreen.simulator;

import io.reescreen.schemas.connect.KafkaConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The simulators' producer configuration: the caller's overrides, but never without idempotence and acks=all. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    public static Map<String, Object> of(String bootstrapServers, String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putAll(overrides);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        // A simulated shot or lab result is sent once and counted once: the tests' exact tallies depend on it.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return Map.copyOf(config);
    }

    /**
     * As {@link #of(String, String, Map)} on a connection: its address and security settings; the overrides may not
     * set a security key (they come from the connection alone).
     */
    public static Map<String, Object> of(KafkaConnection connection, String clientId, Map<String, Object> overrides) {
        return Map.copyOf(connection.clientConfig(of(connection.bootstrapServers(), clientId, overrides)));
    }
}
