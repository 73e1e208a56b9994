package io.reescreen.schemas.connect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionCheckTest {

    /** A hang guard, not a performance figure: the check's own bound plus a loaded machine's slack. */
    private static final Duration NEVER_HANGS = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static Path valid;
    private static Path expired;
    private static Path validPem;

    @BeforeAll
    static void certificates() throws Exception {
        valid = Keytool.selfSigned(dir.resolve("valid.p12"), "client");
        expired = Keytool.selfSigned(dir.resolve("expired.p12"), "client", "-startdate", "-10d", "-validity", "1");
        validPem = Keytool.exportPem(valid, "client", dir.resolve("valid.crt"));
    }

    @Test
    void kafkaAtAPortWhereNothingListensFailsWithinTheBoundInOneLine() throws IOException {
        String bootstrap = "127.0.0.1:" + freePort();

        ConnectionProblem problem = assertTimeoutPreemptively(NEVER_HANGS, () -> assertThrows(ConnectionProblem.class,
                () -> ConnectionCheck.kafka(KafkaConnection.plaintext(bootstrap), Duration.ofSeconds(3))));

        assertEquals("no answer from Kafka at " + bootstrap + " within 3 s over PLAINTEXT: is it running there, or does "
                + "the cluster need security.protocol (--kafka-config)?", problem.getMessage());
    }

    @Test
    void aSaslClientWithoutAJaasLoginFailsBeforeConnectingNamingSaslJaasConfig() throws IOException {
        KafkaConnection connection = KafkaConnection.of("127.0.0.1:" + freePort(), KafkaClientSecurity.fromEnvironment(
                Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")));

        ConnectionProblem problem = assertTimeoutPreemptively(NEVER_HANGS, () -> assertThrows(ConnectionProblem.class,
                () -> ConnectionCheck.kafka(connection, Duration.ofSeconds(30))));

        assertEquals("sasl.jaas.config", problem.setting(), problem.getMessage());
        assertTrue(problem.getMessage().startsWith("security.protocol=SASL_SSL needs sasl.jaas.config"),
                problem.getMessage());
    }

    @Test
    void aBrokerWhoseCertificateIsNotTrustedFailsTheCheckNamingSslTruststoreLocation() throws Exception {
        try (SSLServerSocket server = tlsServer(valid)) {
            KafkaConnection connection = KafkaConnection.of("127.0.0.1:" + server.getLocalPort(),
                    KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL")));

            ConnectionProblem problem = assertTimeoutPreemptively(NEVER_HANGS, () -> assertThrows(
                    ConnectionProblem.class, () -> ConnectionCheck.kafka(connection, Duration.ofSeconds(30))));

            assertEquals("TLS handshake with Kafka at " + connection.bootstrapServers() + " failed: the broker's "
                    + "certificate is not trusted (ssl.truststore.location)", problem.getMessage());
        }
    }

    @Test
    void aReferenceToAMissingSecretsFileIsReportedWithItsPath() throws IOException {
        Path missing = dir.resolve("no-such-passwords.properties");
        KafkaConnection connection = KafkaConnection.of("127.0.0.1:" + freePort(), KafkaClientSecurity.fromEnvironment(
                Map.of("KAFKA_CONFIG_PROVIDERS", "file",
                        "KAFKA_CONFIG_PROVIDERS_FILE_CLASS", "org.apache.kafka.common.config.provider.FileConfigProvider",
                        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN",
                        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                                + "username=\"reescreen\" password=\"${file:" + missing + ":password}\";")));

        ConnectionProblem problem = assertTimeoutPreemptively(NEVER_HANGS, () -> assertThrows(ConnectionProblem.class,
                () -> ConnectionCheck.kafka(connection, Duration.ofSeconds(30))));

        assertEquals("config.providers", problem.setting());
        assertTrue(problem.getMessage().startsWith("a ${file:..} reference in the Kafka client settings (environment "
                + "(KAFKA_*)) cannot be resolved: Could not read properties from file " + missing), problem.getMessage());
    }

    @Test
    void anExpiredKeystoreIsReportedBeforeAnyConnectionNamingSslKeystoreLocation() {
        KafkaClientSecurity security = mutualTls(expired, Keytool.STORE_PASSWORD);

        ConnectionProblem problem = assertThrows(ConnectionProblem.class, () -> ConnectionCheck.localFiles(security));

        assertEquals("ssl.keystore.location", problem.setting());
        assertTrue(problem.getMessage().startsWith("ssl.keystore.location: the client certificate in " + expired
                + " expired on "), problem.getMessage());
    }

    @Test
    void aWrongKeystorePasswordIsReportedNamingSslKeystorePasswordNeverTheValue() {
        KafkaClientSecurity security = mutualTls(valid, "wrong-Pa55word");

        ConnectionProblem problem = assertThrows(ConnectionProblem.class, () -> ConnectionCheck.localFiles(security));

        assertEquals("ssl.keystore.password does not open ssl.keystore.location (" + valid + ")", problem.getMessage());
        assertFalse(problem.getMessage().contains("Pa55word"));
    }

    @Test
    void aMissingTruststoreIsReportedNamingSslTruststoreLocation() {
        Path missing = dir.resolve("nowhere/ca.crt");
        KafkaClientSecurity security = KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", missing.toString(), "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM"));

        ConnectionProblem problem = assertThrows(ConnectionProblem.class, () -> ConnectionCheck.localFiles(security));

        assertEquals("ssl.truststore.location: no file at " + missing, problem.getMessage());
    }

    @Test
    void aValidKeystoreWithItsPasswordInAFileAndAPemTruststorePassTheCheck() throws IOException {
        Path passwords = Files.writeString(dir.resolve("passwords.properties"),
                "keystore.password=" + Keytool.STORE_PASSWORD + "\n");
        KafkaClientSecurity security = KafkaClientSecurity.fromEnvironment(Map.of(
                "KAFKA_CONFIG_PROVIDERS", "file",
                "KAFKA_CONFIG_PROVIDERS_FILE_CLASS", "org.apache.kafka.common.config.provider.FileConfigProvider",
                "KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SSL_KEYSTORE_LOCATION", valid.toString(),
                "KAFKA_SSL_KEYSTORE_TYPE", "PKCS12",
                "KAFKA_SSL_KEYSTORE_PASSWORD", "${file:" + passwords + ":keystore.password}",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", validPem.toString(),
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM"));

        assertDoesNotThrow(() -> ConnectionCheck.localFiles(security));
    }

    private static KafkaClientSecurity mutualTls(Path keystore, String password) {
        return KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SSL_KEYSTORE_LOCATION", keystore.toString(), "KAFKA_SSL_KEYSTORE_TYPE", "PKCS12",
                "KAFKA_SSL_KEYSTORE_PASSWORD", password));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A TLS server that completes handshakes and then says nothing: a broker whose certificate the client checks. */
    private static SSLServerSocket tlsServer(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, Keytool.STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, Keytool.STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    ((SSLSocket) socket).startHandshake();
                } catch (IOException e) {
                    // The client refusing our certificate ends its handshake: the point of the test.
                }
            }
        }, "tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }
}
