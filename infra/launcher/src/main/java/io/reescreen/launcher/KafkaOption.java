package io.reescreen.launcher;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}, defaulting to {@code $KAFKA_BOOTSTRAP_SERVERS}, for every command that talks to Kafka. */
final class KafkaOption {

    @Option(names = "--bootstrap-servers", paramLabel = "H:P", description = "Kafka (default $KAFKA_BOOTSTRAP_SERVERS)")
    private String bootstrapServers;

    String bootstrapServers() {
        return Optional.ofNullable(bootstrapServers).or(() -> Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")))
                .orElseThrow(() -> new UsageError("no cluster: give --bootstrap-servers or set KAFKA_BOOTSTRAP_SERVERS"));
    }
}
