package io.reescreen.schemas.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Synthetic failures, shaped as Kafka's clients raise them; the real ones are in ConnectionCheckTest and part B's. */
class ConnectionProblemTest {

    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final KafkaConnection SCRAM = KafkaConnection.of("127.0.0.1:9093",
            KafkaClientSecurity.fromEnvironment(Map.of(
                    "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                    "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                    "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                            + "username=\"reescreen\" password=\"" + PASSWORD + "\";")));

    @Test
    void refusedCredentialsNameSaslJaasConfigAndTheMechanism() {
        ConnectionProblem problem = ConnectionProblem.explain(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"),
                SCRAM);

        assertOneLine("Kafka at 127.0.0.1:9093 refused the credentials (sasl.jaas.config, mechanism SCRAM-SHA-512)",
                "sasl.jaas.config", problem);
    }

    @Test
    void anUntrustedBrokerCertificateNamesSslTruststoreLocation() {
        ConnectionProblem problem = ConnectionProblem.explain(handshakeFailed("PKIX path building failed",
                new CertPathBuilderException("unable to find valid certification path to requested target")), SCRAM);

        assertOneLine("TLS handshake with Kafka at 127.0.0.1:9093 failed: the broker's certificate is not trusted "
                + "(ssl.truststore.location)", "ssl.truststore.location", problem);
    }

    @Test
    void anExpiredBrokerCertificateSaysSoAndNamesSslTruststoreLocation() {
        ConnectionProblem problem = ConnectionProblem.explain(handshakeFailed("certificate expired",
                new CertificateExpiredException("NotAfter: Sat Dec 05 12:00:00 UTC 2026")), SCRAM);

        assertOneLine("TLS handshake with Kafka at 127.0.0.1:9093 failed: the broker's certificate has expired or is "
                + "not valid yet (checked against ssl.truststore.location)", "ssl.truststore.location", problem);
    }

    @Test
    void aClientCertificateTheBrokerRefusesNamesSslKeystoreLocation() {
        ConnectionProblem problem = ConnectionProblem.explain(new SslAuthenticationException("SSL handshake failed",
                new SSLHandshakeException("Received fatal alert: certificate_expired")), SCRAM);

        assertOneLine("TLS handshake with Kafka at 127.0.0.1:9093 failed: the broker refused the client certificate, "
                + "TLS alert certificate_expired (ssl.keystore.location)", "ssl.keystore.location", problem);
    }

    @Test
    void aSaslClientWithoutAJaasLoginNamesSaslJaasConfig() {
        ConnectionProblem problem = ConnectionProblem.explain(new KafkaException("Failed to create new KafkaAdminClient",
                new IllegalArgumentException("Could not find a 'KafkaClient' entry in the JAAS configuration. System "
                        + "property 'java.security.auth.login.config' is not set")),
                KafkaConnection.of("127.0.0.1:9093", KafkaClientSecurity.fromEnvironment(Map.of(
                        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN"))));

        assertOneLine("security.protocol=SASL_SSL needs sasl.jaas.config (the PLAIN login for Kafka at 127.0.0.1:9093)",
                "sasl.jaas.config", problem);
    }

    @Test
    void noAnswerOverPlaintextAsksWhetherTheClusterNeedsSecurityProtocol() {
        ConnectionProblem problem = ConnectionProblem.explain(new TimeoutException(
                "Timed out waiting for a node assignment. Call: listNodes"), KafkaConnection.plaintext("127.0.0.1:9093"),
                Duration.ofSeconds(15));

        assertOneLine("no answer from Kafka at 127.0.0.1:9093 within 15 s over PLAINTEXT: is it running there, or does "
                + "the cluster need security.protocol (--kafka-config)?", "security.protocol", problem);
    }

    @Test
    void anInvalidSecretSettingIsNamedWithoutKafkasMessageWhichQuotesTheValue() {
        ConnectionProblem problem = ConnectionProblem.explain(new KafkaException("Failed to construct kafka producer",
                new ConfigException("sasl.jaas.config", PASSWORD, "JAAS config entry not terminated by semi-colon")),
                SCRAM);

        assertOneLine("the Kafka client setting sasl.jaas.config is invalid", "sasl.jaas.config", problem);
    }

    @Test
    void anotherFailureNamesItsKindAndWhereTheSettingsCameFrom() {
        ConnectionProblem problem = ConnectionProblem.explain(new KafkaException("boom " + PASSWORD,
                new IllegalStateException("inner " + PASSWORD)), SCRAM);

        assertOneLine("cannot use Kafka at 127.0.0.1:9093 over SASL_SSL: IllegalStateException (environment (KAFKA_*))",
                "bootstrap.servers", problem);
    }

    /** As Kafka's SSL transport reports a handshake the JDK refused for {@code cause}. */
    private static SslAuthenticationException handshakeFailed(String message, Throwable cause) {
        SSLHandshakeException handshake = new SSLHandshakeException(message);
        handshake.initCause(cause);
        return new SslAuthenticationException("SSL handshake failed", handshake);
    }

    private static void assertOneLine(String expected, String setting, ConnectionProblem problem) {
        assertEquals(expected, problem.getMessage());
        assertEquals(setting, problem.setting());
        assertFalse(problem.getMessage().contains("\n"));
        assertFalse(problem.getMessage().contains(PASSWORD));
        assertEquals(null, problem.getCause(), "Kafka's exception is not attached: its message may quote a secret");
    }
}
