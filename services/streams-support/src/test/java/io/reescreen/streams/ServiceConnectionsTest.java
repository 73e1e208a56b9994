package io.reescreen.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConnectionsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"reescreen\" password=\"s3cret-Pa55\";";

    @TempDir
    Path dir;

    @Test
    void withNothingConfiguredTheServiceConnectsAsBeforeInPlaintextToAnOpenRegistry() {
        ServiceConnections connections = ServiceConnections.from(resolver(Map.of()));
        assertEquals("localhost:9092", connections.kafka().bootstrapServers());
        assertEquals("PLAINTEXT", connections.kafka().security().protocol());
        assertEquals(Map.of(), connections.kafka().security().settings());
        assertEquals(ServiceConnections.DEFAULT_REGISTRY_URL, connections.registry().url());
        assertEquals(Map.of(), connections.registry().settings().settings());
    }

    @Test
    void theKafkaConnectionTakesTheBootstrapServersAndTheSecurityKeysOfTheKafkaProperties() {
        KafkaConnection kafka = ServiceConnections.from(resolver(Map.of(
                "kafka.bootstrap.servers", "broker-1:9093",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", JAAS,
                "kafka.streams.screener.application.id", "screener-a",
                "kafka.health.enabled", "false"))).kafka();
        assertEquals("broker-1:9093", kafka.bootstrapServers());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS), kafka.security().settings());
    }

    @Test
    void environmentVariablesReachTheConnectionAsMicronautReadsThemWithoutTheirDerivedVariants() {
        KafkaConnection kafka = ServiceConnections.from(new PropertySourcePropertyResolver(PropertySource.of("env",
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093", "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_JAAS_CONFIG", JAAS),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))).kafka();
        assertEquals("broker-1:9093", kafka.bootstrapServers());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS),
                kafka.security().settings(), "sasl.jaas-config and the like are the same setting, not more of them");
    }

    @Test
    void theKafkaConfigFileAddsItsSettingsToTheMicronautOnesWithItsReferencesUnresolved() throws IOException {
        Path file = write("kafka-client.properties", """
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="reescreen" password="${file:/run/secrets/kafka.properties:password}";
                ssl.truststore.location=/etc/reescreen/ca.crt
                ssl.truststore.type=PEM
                config.providers=file
                config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
                """);
        ServiceConnections connections = ServiceConnections.from(resolver(Map.of(
                "kafka.bootstrap.servers", "broker-1:9093", "kafka.security.protocol", "SASL_SSL",
                ServiceConnections.KAFKA_CONFIG, file.toString())));
        Map<String, String> settings = connections.kafka().security().settings();
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertEquals("/etc/reescreen/ca.crt", settings.get("ssl.truststore.location"));
        assertTrue(settings.get("sasl.jaas.config").contains("${file:/run/secrets/kafka.properties:password}"));
        assertEquals("broker-1:9093 over SASL_SSL (SCRAM-SHA-512)", connections.kafka().describe());
        assertTrue(connections.describe().contains(file.toString()), connections.describe());
    }

    @Test
    void aKeySetInTheFileAndInTheKafkaPropertiesDifferentlyIsRefusedNamingTheKeyNeverTheValues() throws IOException {
        Path file = write("kafka-client.properties", "security.protocol=SASL_SSL\nsasl.jaas.config=" + JAAS + "\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ServiceConnections.from(resolver(Map.of(
                        "kafka.sasl.jaas.config", JAAS.replace("s3cret-Pa55", "other-Pa55"),
                        ServiceConnections.KAFKA_CONFIG, file.toString()))));
        assertTrue(refused.getMessage().contains("sasl.jaas.config"), refused.getMessage());
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertFalse(refused.getMessage().contains("Pa55"), refused.getMessage());
    }

    @Test
    void aMissingKafkaConfigFileIsRefusedNamingTheFile() {
        Path missing = dir.resolve("nowhere.properties");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ServiceConnections.from(resolver(Map.of(ServiceConnections.KAFKA_CONFIG, missing.toString()))));
        assertTrue(refused.getMessage().contains(missing.toString()), refused.getMessage());
    }

    @Test
    void theRegistryConnectionTakesItsUrlAndTheApicurioKeysMergedWithTheRegistryConfigFile() throws IOException {
        Path file = write("registry-client.properties", """
                apicurio.registry.auth.username=reescreen
                apicurio.registry.auth.password=r3gistry-Pa55
                """);
        ServiceConnections connections = ServiceConnections.from(resolver(Map.of(
                ServiceConnections.REGISTRY_URL, "https://registry:8443/apis/registry/v3",
                ServiceConnections.REGISTRY_URL_FROM_ENV, "http://ignored:8080/apis/registry/v3",
                "apicurio.registry.tls.truststore.location", "/etc/reescreen/ca.crt",
                "apicurio.registry.tls.truststore.type", "PEM",
                ServiceConnections.REGISTRY_CONFIG, file.toString())));
        assertEquals("https://registry:8443/apis/registry/v3", connections.registry().url());
        assertEquals(Map.of("apicurio.registry.auth.username", "reescreen",
                "apicurio.registry.auth.password", "r3gistry-Pa55",
                "apicurio.registry.tls.truststore.location", "/etc/reescreen/ca.crt",
                "apicurio.registry.tls.truststore.type", "PEM"), connections.registry().settings().settings());
        assertEquals("basic credentials", connections.registry().settings().authentication());
        assertFalse(connections.describe().contains("r3gistry-Pa55"), connections.describe());
    }

    @Test
    void theSchemaRegistryUrlVariableServesWhenTheServicesOwnKeyIsUnset() {
        assertEquals("http://registry:8080/apis/registry/v3", ServiceConnections.from(resolver(Map.of(
                ServiceConnections.REGISTRY_URL_FROM_ENV, "http://registry:8080/apis/registry/v3"))).registry().url());
        assertEquals("http://registry:8080/apis/registry/v3", ServiceConnections.from(resolver(Map.of(
                ServiceConnections.REGISTRY_URL, " ",
                ServiceConnections.REGISTRY_URL_FROM_ENV, "http://registry:8080/apis/registry/v3"))).registry().url());
    }

    @Test
    void theDescriptionNamesAddressesProtocolAndSourcesButNoSecret() {
        ServiceConnections connections = ServiceConnections.from(resolver(Map.of(
                "kafka.bootstrap.servers", "broker-1:9093", "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512", "kafka.sasl.jaas.config", JAAS)));
        String text = connections.describe();
        assertTrue(text.startsWith("kafka broker-1:9093 over SASL_SSL (SCRAM-SHA-512)"), text);
        assertFalse(text.contains("s3cret"), text);
        assertEquals(text, connections.toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static PropertySourcePropertyResolver resolver(Map<String, Object> properties) {
        return new PropertySourcePropertyResolver(PropertySource.of("test", new HashMap<>(properties)));
    }
}
