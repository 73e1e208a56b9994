package io.reescreen.schemas.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSecurityTest {

    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"reescreen\" password=\"" + PASSWORD + "\";";

    @TempDir
    Path dir;

    @Test
    void aClientConfigFileGivesEveryClientTheSameSecuritySettings() throws IOException {
        KafkaConnection connection = KafkaConnection.of("127.0.0.1:9093", KafkaClientSecurity.load(scramFile()));

        Map<String, Object> producer = connection.clientConfig(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        Map<String, Object> consumer = connection.clientConfig(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "g",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        Map<String, Object> admin = connection.clientConfig(Map.of());
        Properties streams = new Properties();
        connection.applyTo(streams);

        for (Map<?, ?> config : new Map<?, ?>[] {producer, consumer, admin, streams}) {
            assertEquals("SASL_SSL", config.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
            assertEquals(JAAS, config.get("sasl.jaas.config"));
            assertEquals("/etc/reescreen/ca.crt", config.get("ssl.truststore.location"));
            assertEquals("127.0.0.1:9093", config.get("bootstrap.servers"));
        }
        // Kafka itself reads them as the same settings.
        assertEquals("SCRAM-SHA-512", new ProducerConfig(producer).getString("sasl.mechanism"));
        assertEquals(JAAS, new ConsumerConfig(consumer).getPassword("sasl.jaas.config").value());
        assertEquals("PEM", new AdminClientConfig(admin).getString("ssl.truststore.type"));
        assertEquals("127.0.0.1:9093 over SASL_SSL (SCRAM-SHA-512)", connection.describe());
    }

    @Test
    void environmentVariablesMapOntoTheFilesKeys() throws IOException {
        Map<String, String> env = Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", JAAS,
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/reescreen/ca.crt",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9093",
                "KAFKA_NOT_A_SETTING", "x",
                "PATH", "/usr/bin");

        KafkaClientSecurity fromEnv = KafkaClientSecurity.fromEnvironment(env);

        assertEquals(KafkaClientSecurity.load(scramFile()).settings(), fromEnv.settings());
        assertEquals("environment (KAFKA_*)", fromEnv.source());
    }

    @Test
    void micronautsDerivedKeyVariantsAreNotTakenForSettings() {
        KafkaClientSecurity fromMicronaut = KafkaClientSecurity.fromKafkaProperties(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", JAAS,
                "sasl.jaas-config", JAAS,
                "bootstrap.servers", "127.0.0.1:9093",
                "streams.screener.num.stream.threads", 2));

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS), fromMicronaut.settings());
    }

    @Test
    void anUnknownKeyInTheConfigFileIsRefusedNamingTheFileAndTheKey() throws IOException {
        Path file = write("kafka.properties", "security.protocol=SASL_SSL\nbootstrap.servers=elsewhere:9092\n");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSecurity.load(file));

        assertEquals(file + ": unknown key bootstrap.servers (only security.protocol, sasl.*, ssl.*, config.providers*)",
                refused.getMessage());
    }

    @Test
    void aProtocolKafkaDoesNotKnowIsRefusedNamingTheFile() throws IOException {
        Path file = write("kafka.properties", "security.protocol=SASL_TLS\n");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSecurity.load(file));

        assertTrue(refused.getMessage().startsWith(file + ": security.protocol=SASL_TLS is not one of PLAINTEXT"),
                refused.getMessage());
    }

    @Test
    void aKeySetTwoWaysDifferentlyIsRefusedNamingTheKeyNeverTheValues() throws IOException {
        KafkaClientSecurity file = KafkaClientSecurity.load(scramFile());
        KafkaClientSecurity env = KafkaClientSecurity.fromEnvironment(Map.of(
                "KAFKA_SASL_JAAS_CONFIG", JAAS.replace(PASSWORD, "other-Pa55"),
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> env.merge(file));

        assertEquals("sasl.jaas.config is set differently in environment (KAFKA_*) and in " + dir.resolve("kafka.properties")
                + ": set it in one place", refused.getMessage());
        assertFalse(refused.getMessage().contains("Pa55"), refused.getMessage());
    }

    @Test
    void aKeySetTwoWaysAlikeMergesAndNamesBothSources() throws IOException {
        KafkaClientSecurity file = KafkaClientSecurity.load(scramFile());
        KafkaClientSecurity env = KafkaClientSecurity.fromEnvironment(Map.of("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", ""));

        KafkaClientSecurity merged = env.merge(file);

        assertEquals("environment (KAFKA_*) + " + dir.resolve("kafka.properties"), merged.source());
        assertEquals("", merged.settings().get("ssl.endpoint.identification.algorithm"));
        assertEquals(Optional.of("SCRAM-SHA-512"), merged.mechanism());
        assertEquals(file.settings(), file.merge(KafkaClientSecurity.NONE).settings());
        assertEquals(file.source(), KafkaClientSecurity.NONE.merge(file).source());
    }

    @Test
    void noSecretAppearsInToStringDescribeOrRedacted() throws IOException {
        Path file = write("kafka-mtls.properties", String.join("\n",
                "security.protocol=SSL",
                "ssl.keystore.location=/etc/reescreen/client.p12",
                "ssl.keystore.password=" + PASSWORD,
                "ssl.key.password=" + PASSWORD,
                "ssl.truststore.location=/etc/reescreen/ca.p12",
                "ssl.truststore.password=" + PASSWORD,
                "sasl.jaas.config=" + JAAS.replace("\"", "\\\"")));
        KafkaClientSecurity security = KafkaClientSecurity.load(file);
        KafkaConnection connection = KafkaConnection.of("127.0.0.1:9094", security);

        for (String shown : new String[] {security.toString(), security.redacted().toString(), connection.describe(),
                connection.toString()}) {
            assertFalse(shown.contains(PASSWORD), shown);
        }
        assertEquals(Secrets.HIDDEN, security.redacted().get("ssl.keystore.password"));
        assertEquals(Secrets.HIDDEN, security.redacted().get("sasl.jaas.config"));
        assertEquals("/etc/reescreen/client.p12", security.redacted().get("ssl.keystore.location"));
        assertEquals(PASSWORD, security.settings().get("ssl.keystore.password"));
    }

    @Test
    void fileAndEnvReferencesReachKafkaUnresolvedAndAreResolvedByIt() throws IOException {
        Path passwords = write("passwords.properties", "kafka.password=" + PASSWORD + "\n");
        String reference = "${file:" + passwords + ":kafka.password}";
        Path file = write("kafka.properties", String.join("\n",
                "config.providers=file,env",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"reescreen\" password=\"" + reference + "\";",
                "ssl.truststore.location=${env:HOME}/ca.crt"));

        Map<String, Object> config = KafkaConnection.of("127.0.0.1:9093", KafkaClientSecurity.load(file))
                .clientConfig(Map.of());

        assertTrue(config.get("sasl.jaas.config").toString().contains("password=\"" + reference + "\""));
        assertFalse(config.toString().contains(PASSWORD));
        AdminClientConfig kafkas = new AdminClientConfig(config);
        assertTrue(kafkas.getPassword("sasl.jaas.config").value().contains("password=\"" + PASSWORD + "\""),
                "Kafka resolves the file reference inside the JAAS value");
        assertEquals(System.getenv("HOME") + "/ca.crt", kafkas.getString("ssl.truststore.location"));
    }

    @Test
    void aClientsOwnSettingsMayNotSetSecurityOrOtherBootstrapServers() throws IOException {
        KafkaConnection connection = KafkaConnection.of("127.0.0.1:9093", KafkaClientSecurity.load(scramFile()));

        IllegalArgumentException security = assertThrows(IllegalArgumentException.class,
                () -> connection.clientConfig(Map.of("security.protocol", "PLAINTEXT")));
        IllegalArgumentException bootstrap = assertThrows(IllegalArgumentException.class,
                () -> connection.clientConfig(Map.of("bootstrap.servers", "elsewhere:9092")));

        assertTrue(security.getMessage().startsWith("a client's own settings set security.protocol"), security.getMessage());
        assertTrue(bootstrap.getMessage().contains("elsewhere:9092"), bootstrap.getMessage());
        assertEquals("127.0.0.1:9093", connection.clientConfig(Map.of("bootstrap.servers", "127.0.0.1:9093"))
                .get("bootstrap.servers"));
    }

    @Test
    void aStreamsConfigurationThatSaysOtherwiseIsRefusedNamingTheKeyNeverTheValue() throws IOException {
        KafkaConnection connection = KafkaConnection.of("127.0.0.1:9093", KafkaClientSecurity.load(scramFile()));
        Properties streams = new Properties();
        streams.put("sasl.jaas.config", JAAS.replace(PASSWORD, "other-Pa55"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> connection.applyTo(streams));

        assertTrue(refused.getMessage().startsWith("sasl.jaas.config is set differently in the streams configuration"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("Pa55"), refused.getMessage());
    }

    @Test
    void aPlaintextConnectionAddsOnlyTheBootstrapServers() {
        Map<String, Object> config = KafkaConnection.plaintext("127.0.0.1:9092").clientConfig(Map.of("acks", "all"));

        assertEquals(Map.of("acks", "all", "bootstrap.servers", "127.0.0.1:9092"), config);
        assertEquals("127.0.0.1:9092 over PLAINTEXT", KafkaConnection.plaintext("127.0.0.1:9092").describe());
    }

    @Test
    void kafkasPasswordKeysAndTheRegistrysCredentialsCountAsSecrets() {
        for (String key : new String[] {"sasl.jaas.config", "ssl.keystore.password", "ssl.key.password",
                "ssl.truststore.password", "ssl.keystore.key", "apicurio.registry.auth.password",
                "apicurio.registry.auth.client.secret"}) {
            assertTrue(Secrets.isSecret(key), key);
        }
        for (String key : new String[] {"ssl.keystore.location", "security.protocol", "sasl.mechanism",
                "apicurio.registry.auth.username", "apicurio.registry.auth.service.token.endpoint"}) {
            assertFalse(Secrets.isSecret(key), key);
        }
    }

    private Path scramFile() throws IOException {
        return write("kafka.properties", String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=" + JAAS,
                "ssl.truststore.location=/etc/reescreen/ca.crt",
                "ssl.truststore.type=PEM"));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
