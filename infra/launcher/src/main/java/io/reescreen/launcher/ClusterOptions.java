package io.reescreen.launcher;

import java.util.Optional;

/**
 * {@code --bootstrap-servers} and {@code --registry-url}, defaulting to {@code $KAFKA_BOOTSTRAP_SERVERS} and
 * {@code $SCHEMA_REGISTRY_URL} as every command that talks to a running system does.
 */
record ClusterOptions(String bootstrapServers, String registryUrl) {

    static ClusterOptions of(CommandLine args) {
        String bootstrap = bootstrapServers(args);
        String registry = args.option("registry-url").or(() -> Optional.ofNullable(System.getenv("SCHEMA_REGISTRY_URL")))
                .orElseThrow(() -> new CommandLine.UsageException(
                        "no registry: give --registry-url or set SCHEMA_REGISTRY_URL"));
        return new ClusterOptions(bootstrap, registry);
    }

    /** For commands that need the cluster only, not the registry. */
    static String bootstrapServers(CommandLine args) {
        return args.option("bootstrap-servers")
                .or(() -> Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")))
                .orElseThrow(() -> new CommandLine.UsageException(
                        "no cluster: give --bootstrap-servers or set KAFKA_BOOTSTRAP_SERVERS"));
    }
}
