package io.reescreen.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the embedded registry keeps its schemas. {@link #kafkaSql} is the default of {@link EmbeddedStack}: Apicurio's
 * KafkaSQL storage writes every change to a journal topic on the broker and replays it at start-up, so a restarted
 * registry knows every schema, under the same ids, that producers' serdes have cached. {@link #inMemory} forgets
 * everything on restart (only for a registry without a broker, e.g. the orphan-process test).
 *
 * @param kafkaBootstrapServers null for in-memory storage
 */
public record RegistryStorage(String kafkaBootstrapServers) {

    /** The journal topic (Apicurio's default name), on the stack's broker. */
    public static final String JOURNAL_TOPIC = "kafkasql-journal";
    /** Where Apicurio writes snapshots of the journal when asked; never by default. */
    public static final String SNAPSHOTS_TOPIC = "kafkasql-snapshots";

    public static RegistryStorage kafkaSql(String kafkaBootstrapServers) {
        return new RegistryStorage(Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers"));
    }

    public static RegistryStorage inMemory() {
        return new RegistryStorage(null);
    }

    public boolean durable() {
        return kafkaBootstrapServers != null;
    }

    /** The registry's settings, as JVM system properties of its process. */
    List<String> systemProperties(Path workDir) {
        if (!durable()) {
            return List.of("-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=h2");
        }
        return List.of(
                "-Dapicurio.storage.kind=kafkasql",
                "-Dapicurio.kafkasql.bootstrap.servers=" + kafkaBootstrapServers,
                "-Dapicurio.kafkasql.topic=" + JOURNAL_TOPIC,
                // Keys under this prefix become the journal topic's configs. Apicurio creates it with the broker's
                // default retention (7 days), after which every schema older than a week would be gone.
                "-Dapicurio.kafkasql.topic.retention.ms=-1",
                "-Dapicurio.kafkasql.topic.retention.bytes=-1",
                "-Dapicurio.kafkasql.snapshots.topic=" + SNAPSHOTS_TOPIC,
                "-Dapicurio.storage.snapshot.location=" + workDir.toAbsolutePath(),
                // Start-up polls the snapshots topic once for this long before replaying the journal (default 5 s).
                "-Dapicurio.kafkasql.consumer.poll.timeout=500");
    }

    @Override
    public String toString() {
        return durable() ? "KafkaSQL (topic " + JOURNAL_TOPIC + " on " + kafkaBootstrapServers + ")" : "in memory";
    }
}
