package io.reescreen.schemas.connect;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * The security part of a Kafka client's configuration, in Kafka's own keys: {@code security.protocol}, {@code sasl.*},
 * {@code ssl.*} and {@code config.providers*} (what Kafka's CLI tools take as {@code --command-config}). Values are
 * kept as written: a {@code ${file:..}} or {@code ${env:..}} reference reaches Kafka unresolved and Kafka resolves
 * it, so the secret itself never passes through reescreen's settings. Immutable.
 */
public final class KafkaClientSecurity {

    /** No security settings: a PLAINTEXT client, as every client was before. */
    public static final KafkaClientSecurity NONE = new KafkaClientSecurity(new SettingsFile(Map.of(), "defaults"));

    static final String ALLOWED = "security.protocol, sasl.*, ssl.*, config.providers*";

    /** Every security key a producer, consumer or admin client defines: the names the environment may set. */
    private static final Set<String> KNOWN_KEYS = knownKeys();

    private final SettingsFile settings;

    private KafkaClientSecurity(SettingsFile settings) {
        this.settings = settings;
        String protocol = settings.entries().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        if (protocol != null && Arrays.stream(SecurityProtocol.values()).noneMatch(p -> p.name.equals(protocol))) {
            throw new IllegalArgumentException(settings.source() + ": security.protocol=" + protocol + " is not one of "
                    + Arrays.stream(SecurityProtocol.values()).map(p -> p.name).collect(Collectors.joining(", ")));
        }
    }

    /** A Kafka client properties file ({@code --kafka-config}, {@code reescreen.kafka.config}). */
    public static KafkaClientSecurity load(Path file) {
        return new KafkaClientSecurity(SettingsFile.load(file, KafkaClientSecurity::isSecurityKey, ALLOWED));
    }

    /**
     * The same keys as {@code KAFKA_*} environment variables ({@code KAFKA_SASL_JAAS_CONFIG} -> {@code sasl.jaas.config});
     * only names that are real Kafka security keys count, so {@code KAFKA_BOOTSTRAP_SERVERS} and the like are ignored.
     */
    public static KafkaClientSecurity fromEnvironment(Map<String, String> env) {
        Map<String, String> kafkaVariables = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                kafkaVariables.put(name.substring("KAFKA_".length()), value);
            }
        });
        SettingsFile known = SettingsFile.fromEnvironment(kafkaVariables, KNOWN_KEYS, "environment (KAFKA_*)");
        // Config-provider keys are named by the user (config.providers.<name>.class), so they cannot be listed.
        Map<String, String> providers = new LinkedHashMap<>();
        kafkaVariables.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
            if (key.startsWith("config.providers")) {
                providers.put(key, value);
            }
        });
        return new KafkaClientSecurity(known.merge(new SettingsFile(providers, known.source())));
    }

    /**
     * The security keys of Micronaut's {@code kafka}-scoped properties ({@code env.getProperties("kafka")}, keys without
     * the {@code kafka.} prefix). Only exact Kafka key names are kept: Micronaut also derives variants such as
     * {@code sasl.jaas-config} from one environment variable, and those are the same setting, not another one.
     */
    public static KafkaClientSecurity fromKafkaProperties(Map<String, ?> kafkaScoped) {
        Map<String, String> entries = new LinkedHashMap<>();
        kafkaScoped.forEach((key, value) -> {
            if (value != null && (KNOWN_KEYS.contains(key) || key.startsWith("config.providers"))) {
                entries.put(key, value.toString());
            }
        });
        return new KafkaClientSecurity(new SettingsFile(entries, "Micronaut properties (kafka.*)"));
    }

    /** Both; a key set in both with different values is refused, naming the key and both sources, never the values. */
    public KafkaClientSecurity merge(KafkaClientSecurity other) {
        return new KafkaClientSecurity(settings.merge(other.settings));
    }

    /** The settings to hand to a Kafka client, exactly as written (secrets included: never print this). */
    public Map<String, String> settings() {
        return settings.entries();
    }

    /** The settings with every secret shown as {@code [hidden]}: safe to print. */
    public Map<String, String> redacted() {
        return settings.redacted();
    }

    /** {@code security.protocol}, PLAINTEXT when unset (Kafka's default). */
    public String protocol() {
        return settings.entries().getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.PLAINTEXT.name);
    }

    /** The SASL mechanism for a SASL protocol ({@code sasl.mechanism}, Kafka's default GSSAPI when unset). */
    public Optional<String> mechanism() {
        if (!protocol().startsWith("SASL_")) {
            return Optional.empty();
        }
        return Optional.of(settings.entries().getOrDefault("sasl.mechanism", "GSSAPI"));
    }

    public boolean usesTls() {
        return protocol().endsWith("SSL");
    }

    /** Where the settings came from: a file path, "environment (KAFKA_*)", ... joined by " + " after a merge. */
    public String source() {
        return settings.source();
    }

    /** Whether {@code key} is one this class holds (and so one an application's own settings may not set). */
    public static boolean isSecurityKey(String key) {
        return key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || key.startsWith("sasl.")
                || key.startsWith("ssl.") || key.startsWith("config.providers");
    }

    @Override
    public String toString() {
        return protocol() + mechanism().map(m -> " (" + m + ")").orElse("") + " from " + source() + ", keys "
                + new TreeSet<>(settings.entries().keySet());
    }

    private static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        for (ConfigDef def : new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef()}) {
            def.names().stream().filter(KafkaClientSecurity::isSecurityKey).map(k -> k.toLowerCase(Locale.ROOT))
                    .forEach(keys::add);
        }
        return Set.copyOf(keys);
    }
}
