package io.reescreen.schemas.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where a Kafka cluster is and how to talk to it: the one thing every client builder takes, so a producer, a consumer,
 * an admin client and a Kafka Streams instance of one process always carry the same security settings.
 */
public final class KafkaConnection {

    private final String bootstrapServers;
    private final KafkaClientSecurity security;

    private KafkaConnection(String bootstrapServers, KafkaClientSecurity security) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap.servers is empty: give host:port of at least one broker");
        }
        this.bootstrapServers = bootstrapServers.strip();
        this.security = Objects.requireNonNull(security, "security");
    }

    /** An open cluster (the embedded stack, a test broker): no security settings. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, KafkaClientSecurity.NONE);
    }

    public static KafkaConnection of(String bootstrapServers, KafkaClientSecurity security) {
        return new KafkaConnection(bootstrapServers, security);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public KafkaClientSecurity security() {
        return security;
    }

    /**
     * A client's configuration: its {@code own} settings (serializers, group id, acks, ...) plus the bootstrap servers
     * and the security settings. {@code own} may not set a security key or other bootstrap servers: one place decides
     * how a process talks to the cluster.
     */
    public Map<String, Object> clientConfig(Map<String, ?> own) {
        Map<String, Object> config = new HashMap<>(own);
        own.keySet().stream().filter(KafkaClientSecurity::isSecurityKey).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("a client's own settings set " + key
                    + ": security settings come from the connection (" + security.source() + ")");
        });
        Object bootstrap = own.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap != null && !bootstrapServers.equals(String.valueOf(bootstrap).strip())) {
            throw new IllegalArgumentException("a client's own settings set bootstrap.servers=" + bootstrap
                    + ", the connection says " + bootstrapServers);
        }
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(security.settings());
        return config;
    }

    /**
     * Adds the bootstrap servers and security settings to a Kafka Streams configuration (a ConfiguredStreamBuilder's
     * Properties) before the streams are built, so Streams' own producers, consumers and admin client carry them. A key
     * already there with another value is refused, naming the key, never the values.
     */
    public void applyTo(Properties streamsConfig) {
        Map<String, String> wanted = new HashMap<>(security.settings());
        wanted.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        wanted.forEach((key, value) -> {
            Object present = streamsConfig.get(key);
            if (present != null && !String.valueOf(present).strip().equals(value)) {
                throw new IllegalArgumentException(key + " is set differently in the streams configuration and in "
                        + (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) ? "the connection" : security.source())
                        + ": set it in one place");
            }
        });
        streamsConfig.putAll(wanted);
    }

    /** For logs and errors: {@code 127.0.0.1:9093 over SASL_SSL (SCRAM-SHA-512)}; never a secret. */
    public String describe() {
        return bootstrapServers + " over " + security.protocol() + security.mechanism().map(m -> " (" + m + ")").orElse("");
    }

    @Override
    public String toString() {
        return describe();
    }
}
