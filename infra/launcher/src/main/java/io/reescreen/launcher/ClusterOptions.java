package io.reescreen.launcher;

import io.reescreen.schemas.connect.ConnectionCheck;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.connect.RegistryClientSettings;
import io.reescreen.schemas.connect.RegistryConnection;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Kafka ({@link KafkaOption}) and the registry: {@code --registry-url} and {@code --registry-config}, defaulting to
 * {@code $SCHEMA_REGISTRY_URL} and {@code $REESCREEN_REGISTRY_CONFIG} as every command that talks to a running system
 * does.
 */
final class ClusterOptions {

    /** The registry client settings file when {@code --registry-config} is not given. */
    static final String REGISTRY_CONFIG_VARIABLE = "REESCREEN_REGISTRY_CONFIG";

    @Mixin
    private KafkaOption kafka;

    @Option(names = "--registry-url", paramLabel = "U",
            description = "the registry's core API (default $SCHEMA_REGISTRY_URL)")
    private String registryUrl;

    @Option(names = "--registry-config", paramLabel = "FILE", description = {"registry client settings: "
            + "apicurio.registry.auth.*, .tls.*, .proxy.* (default $" + REGISTRY_CONFIG_VARIABLE + "); with "
            + "APICURIO_REGISTRY_* variables (APICURIO_REGISTRY_AUTH_PASSWORD, ...)"})
    private Path registryConfig;

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String registryUrl() {
        return Optional.ofNullable(registryUrl).or(() -> Optional.ofNullable(System.getenv("SCHEMA_REGISTRY_URL")))
                .orElseThrow(() -> new UsageError("no registry: give --registry-url or set SCHEMA_REGISTRY_URL"));
    }

    /** The cluster and its security settings, checked ({@link KafkaOption#connection()}). */
    KafkaConnection kafka() {
        return kafka.connection();
    }

    /**
     * The registry and its client settings; with settings (credentials, a truststore), an authenticated read first,
     * so that a refusal is one line naming the setting before any work.
     */
    RegistryConnection registry() {
        RegistryConnection registry = registry(registryUrl(), Optional.ofNullable(registryConfig), System.getenv());
        if (!registry.settings().settings().isEmpty()) {
            try {
                ConnectionCheck.registry(registry, KafkaOption.checkTimeout());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage()); // a setting reescreen's own registry calls cannot honour
            }
        }
        return registry;
    }

    /** The Kafka client settings file given, if any: what a service is handed (the path, never the secrets). */
    Optional<Path> kafkaConfigFile() {
        return kafka.configFile();
    }

    /** The registry client settings file given, if any. */
    Optional<Path> registryConfigFile() {
        return KafkaOption.settingsFile(Optional.ofNullable(registryConfig), System.getenv(), REGISTRY_CONFIG_VARIABLE);
    }

    /** The registry from {@code env}'s {@code APICURIO_REGISTRY_*} variables and the settings file, merged. */
    static RegistryConnection registry(String url, Optional<Path> file, Map<String, String> env) {
        try {
            RegistryClientSettings settings = RegistryClientSettings.fromEnvironment(env);
            Optional<Path> given = KafkaOption.settingsFile(file, env, REGISTRY_CONFIG_VARIABLE);
            if (given.isPresent()) {
                settings = settings.merge(RegistryClientSettings.load(given.get()));
            }
            return RegistryConnection.of(url, settings);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UserError(e.getMessage());
        }
    }
}
