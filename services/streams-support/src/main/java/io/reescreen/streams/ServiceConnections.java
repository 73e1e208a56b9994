package io.reescreen.streams;

import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.core.value.PropertyResolver;
import io.reescreen.schemas.connect.ConnectionCheck;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.connect.RegistryClientSettings;
import io.reescreen.schemas.connect.RegistryConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service reaches its Kafka cluster and schema registry, read once from its Micronaut settings so that every
 * client it makes (the streams, its own producers, consumers and admin clients, the serdes) uses the same ones:
 * <ul>
 *   <li>Kafka: {@value #BOOTSTRAP_SERVERS} and the security keys among {@code kafka.*} ({@code KAFKA_SECURITY_PROTOCOL},
 *       {@code KAFKA_SASL_JAAS_CONFIG}, ... in the environment), merged with the Kafka client properties file named by
 *       {@value #KAFKA_CONFIG} ({@code REESCREEN_KAFKA_CONFIG});</li>
 *   <li>registry: {@value #REGISTRY_URL} (else {@code SCHEMA_REGISTRY_URL}) and the {@code apicurio.registry.auth.*},
 *       {@code .tls.*}, {@code .proxy.*} keys, merged with the registry client properties file named by
 *       {@value #REGISTRY_CONFIG} ({@code REESCREEN_REGISTRY_CONFIG}).</li>
 * </ul>
 * A key set both ways with different values is refused, naming the key and both sources, never the values. Secrets
 * belong in the files (as {@code ${file:..}}/{@code ${env:..}} references, resolved by Kafka): Micronaut would try to
 * resolve such a reference written in one of its own keys itself.
 */
public final class ServiceConnections {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    /** Micronaut's own default, what the services connected to before any was configured. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    /** A Kafka client properties file: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, {@code config.providers*}. */
    public static final String KAFKA_CONFIG = "reescreen.kafka.config";
    /** The registry's core API, e.g. {@code https://registry:8443/apis/registry/v3}. */
    public static final String REGISTRY_URL = "reescreen.registry.url";
    /** The property Micronaut makes of the {@code SCHEMA_REGISTRY_URL} environment variable. */
    public static final String REGISTRY_URL_FROM_ENV = "schema.registry.url";
    public static final String DEFAULT_REGISTRY_URL = "http://localhost:8080/apis/registry/v3";
    /** A registry client properties file: {@code apicurio.registry.auth.*}, {@code .tls.*}, {@code .proxy.*}. */
    public static final String REGISTRY_CONFIG = "reescreen.registry.config";

    private static final String REGISTRY_PREFIX = "apicurio.registry";

    private final KafkaConnection kafka;
    private final RegistryConnection registry;

    private ServiceConnections(KafkaConnection kafka, RegistryConnection registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /**
     * Reads both connections from a service's settings (its Micronaut environment).
     *
     * @throws IllegalArgumentException for a file that is missing or holds a key of another kind, or a key set twice
     *                                  differently; the message names the file or key, never a value
     */
    public static ServiceConnections from(PropertyResolver properties) {
        Objects.requireNonNull(properties, "properties");
        return new ServiceConnections(kafka(properties), registry(properties));
    }

    private static KafkaConnection kafka(PropertyResolver properties) {
        String bootstrap = text(properties, BOOTSTRAP_SERVERS).orElse(DEFAULT_BOOTSTRAP_SERVERS);
        KafkaClientSecurity security = KafkaClientSecurity.fromKafkaProperties(
                properties.getProperties("kafka", StringConvention.RAW));
        Optional<String> file = text(properties, KAFKA_CONFIG);
        if (file.isPresent()) {
            security = security.merge(KafkaClientSecurity.load(Path.of(file.get())));
        }
        return KafkaConnection.of(bootstrap, security);
    }

    private static RegistryConnection registry(PropertyResolver properties) {
        String url = text(properties, REGISTRY_URL).or(() -> text(properties, REGISTRY_URL_FROM_ENV))
                .orElse(DEFAULT_REGISTRY_URL);
        Map<String, Object> apicurio = new LinkedHashMap<>();
        properties.getProperties(REGISTRY_PREFIX, StringConvention.RAW)
                .forEach((key, value) -> apicurio.put(REGISTRY_PREFIX + "." + key, value));
        RegistryClientSettings settings = RegistryClientSettings.fromProperties(apicurio,
                "Micronaut properties (apicurio.registry.*)");
        Optional<String> file = text(properties, REGISTRY_CONFIG);
        if (file.isPresent()) {
            settings = settings.merge(RegistryClientSettings.load(Path.of(file.get())));
        }
        return RegistryConnection.of(url, settings);
    }

    private static Optional<String> text(PropertyResolver properties, String key) {
        return properties.getProperty(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * Checks, before the service makes any client, what a wrong setting would otherwise turn into a client retrying
     * for a minute or a stream dying later: the trust and key stores the Kafka settings name (exist, open, client
     * certificate valid today); for a cluster with security settings, that it accepts them within {@code timeout}
     * (an open cluster is not asked: a service on one waits for its broker, as it always did, and says so in its
     * readiness); for a registry with credentials or a truststore, an authenticated read.
     *
     * @throws io.reescreen.schemas.connect.ConnectionProblem one line naming the setting, never a secret
     */
    public void check(Duration timeout) {
        ConnectionCheck.localFiles(kafka.security());
        if (!kafka.security().settings().isEmpty()) {
            ConnectionCheck.kafka(kafka, timeout);
        }
        if (!registry.settings().settings().isEmpty()) {
            ConnectionCheck.registry(registry, timeout);
        }
    }

    /** Where the Kafka cluster is and how every client of the service talks to it. */
    public KafkaConnection kafka() {
        return kafka;
    }

    /** Where the registry is and how the serdes talk to it. */
    public RegistryConnection registry() {
        return registry;
    }

    /** For the service's start log: addresses, protocol, mechanism and where the settings came from; never a secret. */
    public String describe() {
        return "kafka " + kafka.describe() + " (settings from " + kafka.security().source() + "); registry "
                + registry.describe() + " (settings from " + registry.settings().source() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
