package io.reescreen.embedded;

import io.reescreen.embedded.security.StackSecurity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the embedded registry keeps its schemas. {@link #kafkaSql} is the default of {@link EmbeddedStack}: Apicurio's
 * KafkaSQL storage writes every change to a journal topic on the broker and replays it at start-up, so a restarted
 * registry knows every schema, under the same ids, that producers' serdes have cached. {@link #inMemory} forgets
 * everything on restart (only for a registry without a broker, e.g. the orphan-process test).
 *
 * @param kafkaBootstrapServers null for in-memory storage
 * @param journalSecurity       null for a PLAINTEXT listener; else the journal is read and written over the secured
 *                              broker's mutual-TLS listener with the registry's certificate
 */
public record RegistryStorage(String kafkaBootstrapServers, StackSecurity journalSecurity) {

    /** The journal topic (Apicurio's default name), on the stack's broker. */
    public static final String JOURNAL_TOPIC = "kafkasql-journal";
    /** Where Apicurio writes snapshots of the journal when asked; never by default. */
    public static final String SNAPSHOTS_TOPIC = "kafkasql-snapshots";

    public static RegistryStorage kafkaSql(String kafkaBootstrapServers) {
        return new RegistryStorage(Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers"), null);
    }

    /** KafkaSQL on a secured broker, at its mutual-TLS listener ({@code mutualTlsBootstrapServers}). */
    public static RegistryStorage kafkaSqlOverMutualTls(String mutualTlsBootstrapServers, StackSecurity security) {
        return new RegistryStorage(Objects.requireNonNull(mutualTlsBootstrapServers, "mutualTlsBootstrapServers"),
                Objects.requireNonNull(security, "security"));
    }

    public static RegistryStorage inMemory() {
        return new RegistryStorage(null, null);
    }

    public boolean durable() {
        return kafkaBootstrapServers != null;
    }

    /** The registry's settings, as JVM system properties of its process. */
    List<String> systemProperties(Path workDir) {
        if (!durable()) {
            return List.of("-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=h2");
        }
        List<String> properties = new ArrayList<>(List.of(
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
                "-Dapicurio.kafkasql.consumer.poll.timeout=500"));
        if (journalSecurity != null) {
            // Apicurio applies a key store or truststore only when its location, type and password are all set.
            properties.add("-Dapicurio.kafkasql.security.protocol=SSL");
            properties.add("-Dapicurio.kafkasql.ssl.keystore.type=PKCS12");
            properties.add("-Dapicurio.kafkasql.ssl.keystore.location="
                    + journalSecurity.registryKeyStore().toAbsolutePath());
            properties.add("-Dapicurio.kafkasql.security.ssl.truststore.type=PKCS12");
            properties.add("-Dapicurio.kafkasql.security.ssl.truststore.location="
                    + journalSecurity.trustStore().toAbsolutePath());
        }
        return properties;
    }

    /** The journal client's passwords, for the child's owner-only configuration file; empty unless secured. */
    Map<String, String> secretProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (journalSecurity != null) {
            p.put("apicurio.kafkasql.ssl.keystore.password", journalSecurity.storePassword());
            p.put("apicurio.kafkasql.ssl.key.password", journalSecurity.storePassword());
            p.put("apicurio.kafkasql.ssl.truststore.password", journalSecurity.storePassword());
        }
        return p;
    }

    @Override
    public String toString() {
        if (!durable()) {
            return "in memory";
        }
        return "KafkaSQL (topic " + JOURNAL_TOPIC + " on " + kafkaBootstrapServers
                + (journalSecurity != null ? " over mutual TLS)" : ")");
    }
}
