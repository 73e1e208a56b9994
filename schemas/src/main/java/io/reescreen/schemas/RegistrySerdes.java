package io.reescreen.schemas;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.reescreen.schemas.connect.RegistryConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro serdes backed by the schema registry, writing Confluent's wire format: magic byte 0, a 4-byte
 * schema id (the registry's content id, which is also the id its Confluent-compatible API returns),
 * then the Avro binary body. Clients that use Confluent's serializer against {@code /apis/ccompat/v7}
 * therefore read and write the same bytes as ours.
 */
public final class RegistrySerdes {

    /**
     * The evolution rule of every subject (schemas/README.md): a new schema must read records written with
     * the previous one, so schemas change only by adding optional fields with defaults.
     */
    public static final String COMPATIBILITY_RULE = "BACKWARD";

    /**
     * How long the registry client keeps what it looked up: ten years, i.e. the life of the process. A schema id
     * (content id) names the same schema for ever, so nothing is gained by asking again, and Apicurio's default
     * (30 s) made every lookup after a registry outage began fail, even for ids the process had decoded a second
     * before (bench faults, registry restart: 1,102 valid readings dead-lettered). Entries are still refreshed only
     * if they expire, and {@code fault-tolerant-refresh} keeps the old answer if that refresh fails.
     */
    public static final long CACHE_LIFETIME_MS = 10L * 365 * 24 * 3600 * 1000;

    private final RegistryConnection connection;
    private final boolean autoRegister;

    /**
     * @param registryUrl  the registry's core API, e.g. {@code http://localhost:8080/apis/registry/v3}; an open
     *                     registry (no credentials, the JVM's default trust)
     * @param autoRegister whether producers register their schema on first use (dev and demo); in
     *                     production schemas are registered by the release pipeline instead
     */
    public RegistrySerdes(String registryUrl, boolean autoRegister) {
        this(RegistryConnection.open(Objects.requireNonNull(registryUrl, "registryUrl")), autoRegister);
    }

    /** As {@link #RegistrySerdes(String, boolean)}, for a registry that wants credentials or a custom truststore. */
    public RegistrySerdes(RegistryConnection connection, boolean autoRegister) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.autoRegister = autoRegister;
    }

    public String registryUrl() {
        return connection.url();
    }

    public RegistryConnection connection() {
        return connection;
    }

    /** A serde for record values of {@code type}; subjects follow the topic name ({@code <topic>-value}). */
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return serde(type, false);
    }

    /** A serde for record keys of {@code type} ({@code <topic>-key}). */
    public <T extends SpecificRecord> Serde<T> keySerde(Class<T> type) {
        return serde(type, true);
    }

    /** The serde settings, for clients configured through properties rather than serde instances. */
    public Map<String, Object> config(Class<? extends SpecificRecord> type) {
        // Credentials and trust first (RegistryConnection), so none of them can change the serde's behaviour below.
        Map<String, Object> config = new HashMap<>(connection.serdeConfig());
        config.put("apicurio.registry.url", connection.url());
        config.put("apicurio.registry.auto-register", autoRegister);
        config.put("apicurio.registry.find-latest", !autoRegister);
        // Confluent framing: id in the payload (not in headers), 4 bytes, content id.
        config.put("apicurio.registry.headers.enabled", false);
        config.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        config.put("apicurio.registry.use-id", "contentId");
        // Register one self-contained schema per subject, as Confluent's serializer does; otherwise Apicurio
        // splits nested named types (enums, records) into separate artifacts joined by references.
        config.put("apicurio.registry.dereference-schema", true);
        config.put("apicurio.registry.use-specific-avro-reader", true);
        // Ids already seen are answered from the cache for the process's life, whether the registry is up or not.
        config.put("apicurio.registry.check-period-ms", CACHE_LIFETIME_MS);
        config.put("apicurio.registry.fault-tolerant-refresh", true);
        config.put("apicurio.registry.avro-datum-provider", SchemaIdentityDatumProvider.class.getName());
        config.put("apicurio.registry.deserializer.value.return-class", type.getName());
        config.put("apicurio.registry.deserializer.key.return-class", type.getName());
        return config;
    }

    private <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
        Map<String, Object> config = config(type);
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        serializer.configure(config, isKey);
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(config, isKey);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
