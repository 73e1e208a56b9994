package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.security.CertificateAuthority;
import io.reescreen.embedded.security.Credentials;
import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.embedded.security.StackSecurity;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured broker: SASL_SSL with SCRAM-SHA-512 or PLAIN, mutual TLS, and every way a client without the right
 * credentials or trust is turned away. One broker for the class (a secured start is a few seconds).
 */
class SecuredKafkaBrokerTest {

    /** A refusal must come well before Kafka's 60 s default API timeout: a hang would show as a TimeoutException. */
    private static final Duration REFUSAL_BOUND = Duration.ofSeconds(20);

    @TempDir
    static Path workDir;

    private static StackSecurity security;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        security = StackSecurity.prepare(workDir.resolve("security"));
        broker = EmbeddedKafkaBroker.startSecured(workDir.resolve("kafka"), 0, security);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aProducerAndAConsumerRoundTripOverSaslSslWithScramSha512() throws Exception {
        Map<String, Object> client = saslSsl(SaslMechanism.SCRAM_SHA_512);

        assertEquals(List.of("lot-1 over SCRAM"), roundTrip(client, "lot-1 over SCRAM"));
    }

    @Test
    void aProducerAndAConsumerRoundTripOverSaslSslWithPlain() throws Exception {
        Map<String, Object> client = saslSsl(SaslMechanism.PLAIN);

        assertEquals(List.of("lot-2 over PLAIN"), roundTrip(client, "lot-2 over PLAIN"));
    }

    @Test
    void aProducerAndAConsumerRoundTripOverMutualTls() throws Exception {
        Map<String, Object> client = new HashMap<>(security.mutualTlsClient());
        client.put("bootstrap.servers", broker.mutualTlsBootstrapServers());

        assertEquals(List.of("lot-3 over mutual TLS"), roundTrip(client, "lot-3 over mutual TLS"));
    }

    @Test
    void theClientFilesInTheSecurityFolderConnectAsTheyAreWithTheirPasswordsReadByKafka() throws Exception {
        Map<Path, String> files = Map.of(
                security.kafkaClientFile(SaslMechanism.SCRAM_SHA_512), broker.bootstrapServers(),
                security.kafkaClientFile(SaslMechanism.PLAIN), broker.bootstrapServers(),
                security.kafkaMutualTlsClientFile(), broker.mutualTlsBootstrapServers());
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Properties settings = new Properties();
            try (InputStream in = Files.newInputStream(file.getKey())) {
                settings.load(in);
            }
            Map<String, Object> client = new HashMap<>();
            settings.forEach((key, value) -> client.put((String) key, value));
            client.put("bootstrap.servers", file.getValue());

            String value = "through " + file.getKey().getFileName();
            assertEquals(List.of(value), roundTrip(client, value));
        }
    }

    @Test
    void aTransactionalProducersCommittedRecordsAndOnlyThoseReachAReadCommittedConsumer() throws Exception {
        Map<String, Object> client = saslSsl(SaslMechanism.SCRAM_SHA_512);
        String topic = newTopic(client);
        Map<String, Object> producerConfig = new HashMap<>(client);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "secured-test-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig,
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "lot", "committed first"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "lot", "aborted")).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "lot", "committed second"));
            producer.commitTransaction();
        }

        assertEquals(List.of("committed first", "committed second"), readCommitted(client, topic, 2));
    }

    @Test
    void aWrongPasswordIsRefusedAtOnceWithASaslAuthenticationException() {
        for (SaslMechanism mechanism : SaslMechanism.values()) {
            Map<String, Object> client = saslSsl(mechanism);
            client.put("sasl.jaas.config", mechanism.clientJaasConfig(
                    new Credentials(security.kafkaUser().name(), "not-the-password")));

            assertInstanceOf(SaslAuthenticationException.class, describeClusterFailure(client), mechanism.kafkaName());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaFailsTheHandshakeAtOnce() throws Exception {
        Path strangersCa = workDir.resolve("another-ca.crt");
        Files.writeString(strangersCa, CertificateAuthority.create("another CA", Duration.ofDays(1)).certificatePem());
        Map<String, Object> client = saslSsl(SaslMechanism.SCRAM_SHA_512);
        client.put("ssl.truststore.location", strangersCa.toString());

        assertInstanceOf(SslAuthenticationException.class, describeClusterFailure(client));
    }

    @Test
    void anExpiredClientCertificateIsRefusedOnTheMutualTlsListener() throws Exception {
        Path expired = workDir.resolve("expired-client.p12");
        char[] password = security.storePassword().toCharArray();
        try (OutputStream out = Files.newOutputStream(expired)) {
            security.authority().issueExpired("lapsed client").toKeyStore(password).store(out, password);
        }
        Map<String, Object> client = new HashMap<>(security.mutualTlsClient(expired));
        client.put("bootstrap.servers", broker.mutualTlsBootstrapServers());

        assertInstanceOf(SslAuthenticationException.class, describeClusterFailure(client));
    }

    @Test
    void aClientWithoutACertificateIsRefusedOnTheMutualTlsListener() {
        Map<String, Object> client = new HashMap<>(security.mutualTlsClient());
        client.keySet().removeIf(key -> key.startsWith("ssl.keystore") || key.equals("ssl.key.password"));
        client.put("bootstrap.servers", broker.mutualTlsBootstrapServers());

        assertInstanceOf(SslAuthenticationException.class, describeClusterFailure(client));
    }

    @Test
    void aClientWithoutCredentialsCannotUseTheSaslSslListener() {
        // Asking for SASL without a JAAS line: the client itself refuses to start.
        Map<String, Object> noJaas = saslSsl(SaslMechanism.SCRAM_SHA_512);
        noJaas.remove("sasl.jaas.config");
        KafkaException unconfigured = assertThrows(KafkaException.class, () -> Admin.create(noJaas).close());
        assertTrue(rootCause(unconfigured).getMessage().contains("KafkaClient"), rootCause(unconfigured).getMessage());

        // TLS without SASL at the SASL_SSL port: the broker answers nothing but the handshake, so no request succeeds.
        Map<String, Object> tlsOnly = saslSsl(SaslMechanism.SCRAM_SHA_512);
        tlsOnly.put("security.protocol", "SSL");
        tlsOnly.remove("sasl.jaas.config");
        tlsOnly.remove("sasl.mechanism");
        tlsOnly.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        tlsOnly.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        assertInstanceOf(TimeoutException.class, describeClusterFailure(tlsOnly));
    }

    private static Map<String, Object> saslSsl(SaslMechanism mechanism) {
        Map<String, Object> client = new HashMap<>(security.saslSslClient(mechanism));
        client.put("bootstrap.servers", broker.bootstrapServers());
        return client;
    }

    /** What {@code describeCluster} failed with, within {@link #REFUSAL_BOUND}; fails the test if it succeeded. */
    private static Throwable describeClusterFailure(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REFUSAL_BOUND.toMillis());
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(REFUSAL_BOUND.toMillis() + 5_000, TimeUnit.MILLISECONDS));
            return failed.getCause();
        }
    }

    private static List<String> roundTrip(Map<String, Object> client, String value) throws Exception {
        String topic = newTopic(client);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(client,
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "lot", value)).get(30, TimeUnit.SECONDS);
        }
        return readCommitted(client, topic, 1);
    }

    private static String newTopic(Map<String, Object> client) throws Exception {
        String topic = "secured-" + UUID.randomUUID();
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static List<String> readCommitted(Map<String, Object> client, String topic, int expected) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "secured-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // One more poll: a record past the expected ones (an aborted one leaking through) must show up here.
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> values.add(record.value()));
            return values;
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
