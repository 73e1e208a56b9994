package io.reescreen.embedded;

import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.embedded.security.StackSecurity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the embedded broker listens and how clients authenticate there: one open PLAINTEXT listener, or (secured)
 * a SASL_SSL listener for clients (SCRAM-SHA-512 and PLAIN) beside an SSL listener that requires a client
 * certificate (mutual TLS; the broker talks to itself over it: transaction markers, for one). The KRaft controller
 * listener stays PLAINTEXT on loopback in both: it is the node's own quorum, never advertised to clients.
 */
final class BrokerListeners {

    private static final String HOST = "127.0.0.1";
    private static final List<SaslMechanism> MECHANISMS = List.of(SaslMechanism.SCRAM_SHA_512, SaslMechanism.PLAIN);

    private final int clientPort;
    private final int mutualTlsPort;
    private final StackSecurity security;

    private BrokerListeners(int clientPort, int mutualTlsPort, StackSecurity security) {
        this.clientPort = clientPort;
        this.mutualTlsPort = mutualTlsPort;
        this.security = security;
    }

    static BrokerListeners plaintext(int port) {
        return new BrokerListeners(port, 0, null);
    }

    static BrokerListeners secured(int saslSslPort, int mutualTlsPort, StackSecurity security) {
        return new BrokerListeners(saslSslPort, mutualTlsPort, security);
    }

    boolean isSecured() {
        return security != null;
    }

    /** The listener clients are given: PLAINTEXT, or SASL_SSL when secured. */
    String bootstrapServers() {
        return HOST + ":" + clientPort;
    }

    /** The SSL listener that requires a client certificate (secured only). */
    String mutualTlsBootstrapServers() {
        if (!isSecured()) {
            throw new IllegalStateException("a plaintext broker has no mutual-TLS listener");
        }
        return HOST + ":" + mutualTlsPort;
    }

    int clientPort() {
        return clientPort;
    }

    StackSecurity security() {
        return security;
    }

    /** The listener part of the broker's configuration. */
    Map<String, Object> brokerProperties(int controllerPort) {
        Map<String, Object> p = new HashMap<>();
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        String controller = "CONTROLLER://" + HOST + ":" + controllerPort;
        if (!isSecured()) {
            p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + "," + controller);
            p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            return p;
        }
        String advertised = "SASL_SSL://" + HOST + ":" + clientPort + ",SSL://" + HOST + ":" + mutualTlsPort;
        p.put("listeners", advertised + "," + controller);
        p.put("advertised.listeners", advertised);
        p.put("inter.broker.listener.name", "SSL");
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:PLAINTEXT");
        // The broker's certificate serves both TLS listeners; client certificates are checked against the CA.
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", security.brokerKeyStore().toAbsolutePath().toString());
        p.put("ssl.keystore.password", security.storePassword());
        p.put("ssl.key.password", security.storePassword());
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", security.caCertificate().toAbsolutePath().toString());
        p.put("listener.name.ssl.ssl.client.auth", "required");
        p.put("listener.name.sasl_ssl.sasl.enabled.mechanisms",
                MECHANISMS.stream().map(SaslMechanism::kafkaName).collect(Collectors.joining(",")));
        // SCRAM users live in the cluster metadata (bootstrapped at format, upserted on a reused folder); PLAIN's in
        // this JAAS line (a PASSWORD-typed key: Kafka logs it as [hidden]).
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("listener.name.sasl_ssl.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
                        + security.kafkaUser().name() + "=\"" + security.kafkaUser().password() + "\";");
        return p;
    }

    /** The SCRAM users a freshly formatted log directory starts with ({@code kafka-storage format --add-scram}). */
    List<String> scramArguments() {
        if (!isSecured()) {
            return List.of();
        }
        return List.of(SaslMechanism.SCRAM_SHA_512.kafkaName() + "=[name=" + security.kafkaUser().name()
                + ",password=" + security.kafkaUser().password() + "]");
    }

    /**
     * How the stack's own clients (readiness check, topic provisioning, SCRAM upserts) reach the broker: the open
     * listener, or the mutual-TLS one with the broker's certificate (no password needed for the SCRAM upsert).
     */
    Map<String, Object> ownClientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (isSecured()) {
            config.putAll(security.mutualTlsClient(security.brokerKeyStore()));
            config.put("bootstrap.servers", mutualTlsBootstrapServers());
        } else {
            config.put("bootstrap.servers", bootstrapServers());
        }
        return config;
    }
}
