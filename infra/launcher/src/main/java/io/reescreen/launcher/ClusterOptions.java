package io.reescreen.launcher;

import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers} and {@code --registry-url}, defaulting to {@code $KAFKA_BOOTSTRAP_SERVERS} and
 * {@code $SCHEMA_REGISTRY_URL} as every command that talks to a running system does.
 */
final class ClusterOptions {

    @Mixin
    private KafkaOption kafka;

    @Option(names = "--registry-url", paramLabel = "U",
            description = "the registry's core API (default $SCHEMA_REGISTRY_URL)")
    private String registryUrl;

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String registryUrl() {
        return Optional.ofNullable(registryUrl).or(() -> Optional.ofNullable(System.getenv("SCHEMA_REGISTRY_URL")))
                .orElseThrow(() -> new UsageError("no registry: give --registry-url or set SCHEMA_REGISTRY_URL"));
    }
}
