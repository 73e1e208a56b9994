package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.connect.RegistryConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a command reads its connection settings: the settings file ({@code --kafka-config}, else
 * {@code $REESCREEN_KAFKA_CONFIG}) merged with {@code KAFKA_*} variables, the registry's likewise; what its help says;
 * and a settings file that cannot be used, refused in one line before any client is made. No cluster here: the
 * secured one is {@link SecuredCommandsEmbeddedTest}'s.
 */
class ConnectionOptionsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"reescreen\" password=\"s3cret-from-env\";";

    @TempDir
    Path dir;

    private final CapturedRun reescreen = new CapturedRun();

    @Test
    void theSettingsFileAndTheKafkaVariablesMakeOneConnection() throws Exception {
        Path file = write("kafka.properties", "security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
                "ssl.truststore.type=PEM", "ssl.truststore.location=/etc/ca.crt");

        KafkaConnection connection = KafkaOption.connection("broker:9093", Optional.of(file),
                Map.of("KAFKA_SASL_JAAS_CONFIG", JAAS, "KAFKA_BOOTSTRAP_SERVERS", "ignored:1"));

        assertEquals("broker:9093", connection.bootstrapServers());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS, "ssl.truststore.type", "PEM", "ssl.truststore.location", "/etc/ca.crt"),
                connection.security().settings());
    }

    @Test
    void withoutTheOptionTheVariableNamesTheSettingsFile() throws Exception {
        Path file = write("kafka.properties", "security.protocol=SSL");

        KafkaConnection connection = KafkaOption.connection("broker:9093", Optional.empty(),
                Map.of(KafkaOption.CONFIG_VARIABLE, file.toString()));

        assertEquals("SSL", connection.security().protocol());
        assertEquals(file.toString(), connection.security().source());
    }

    @Test
    void withNeitherTheCommandConnectsInPlaintextAsBefore() {
        KafkaConnection connection = KafkaOption.connection("broker:9092", Optional.empty(), Map.of());

        assertEquals("PLAINTEXT", connection.security().protocol());
        assertEquals(Map.of(), connection.security().settings());
    }

    @Test
    void aKeySetDifferentlyInTheFileAndTheEnvironmentIsRefusedNamingTheKeyNeverTheValues() throws Exception {
        Path file = write("kafka.properties", "security.protocol=SASL_SSL", "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" "
                        + "password=\"s3cret-in-file\";");

        UserError refused = assertThrows(UserError.class, () -> KafkaOption.connection("broker:9093",
                Optional.of(file), Map.of("KAFKA_SASL_JAAS_CONFIG", JAAS)));

        assertTrue(refused.getMessage().contains("sasl.jaas.config") && refused.getMessage().contains(file.toString())
                && refused.getMessage().contains("KAFKA_"), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
    }

    @Test
    void theRegistrySettingsFileAndTheApicurioVariablesMakeOneRegistryConnection() throws Exception {
        Path file = write("registry.properties", "apicurio.registry.tls.truststore.type=PEM",
                "apicurio.registry.tls.truststore.location=/etc/ca.crt");

        RegistryConnection registry = ClusterOptions.registry("https://registry:8443/apis/registry/v3",
                Optional.of(file), Map.of("APICURIO_REGISTRY_AUTH_USERNAME", "reescreen",
                        "APICURIO_REGISTRY_AUTH_PASSWORD", "s3cret-registry"));

        assertEquals("basic credentials", registry.settings().authentication());
        assertEquals("s3cret-registry", registry.settings().settings().get("apicurio.registry.auth.password"));
        assertFalse(registry.describe().contains("s3cret"), registry.describe());
    }

    @Test
    void aSettingsFileThatIsMissingOrHoldsAnotherKindOfKeyIsOneLineBeforeAnyClient() throws Exception {
        Path missing = dir.resolve("nowhere.properties");
        assertEquals(2, reescreen.run("topics", "--check", "--bootstrap-servers", "127.0.0.1:1", "--kafka-config",
                missing.toString()));
        assertEquals(List.of("reescreen topics: " + missing + ": no such file"), reescreen.err().lines().toList());

        reescreen.reset();
        Path registryKeys = write("mixed.properties", "security.protocol=SSL", "apicurio.registry.auth.username=u");
        assertEquals(2, reescreen.run("dlq", "stats", "--bootstrap-servers", "127.0.0.1:1", "--kafka-config",
                registryKeys.toString()));
        assertEquals(1, reescreen.err().lines().count(), reescreen.err());
        assertTrue(reescreen.err().contains("unknown key apicurio.registry.auth.username"), reescreen.err());
    }

    @Test
    void everyCommandsHelpOffersTheSettingsFilesByTheirVariablesNames() {
        List<List<String>> kafkaOnly = List.of(List.of("topics"), List.of("dlq", "stats"), List.of("dlq", "replay"));
        List<List<String>> withRegistry = List.of(List.of("model", "promote"), List.of("model", "rollback"),
                List.of("retrain"), List.of("rescore"), List.of("performance"), List.of("screener"),
                List.of("retrainer"));
        for (List<String> command : kafkaOnly) {
            String help = help(command);
            assertTrue(help.contains("--kafka-config FILE") && help.contains("$REESCREEN_KAFKA_CONFIG")
                    && help.contains("KAFKA_SASL_JAAS_CONFIG"), command + ":\n" + help);
        }
        for (List<String> command : withRegistry) {
            String help = help(command);
            assertTrue(help.contains("--kafka-config FILE") && help.contains("--registry-config FILE")
                    && help.contains("$REESCREEN_REGISTRY_CONFIG"), command + ":\n" + help);
        }
    }

    private String help(List<String> command) {
        reescreen.reset();
        String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                .toArray(String[]::new);
        assertEquals(0, reescreen.run(args), reescreen.err());
        return reescreen.out();
    }

    private Path write(String name, String... lines) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }
}
