package io.reescreen.schemas;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's default datum provider, with its readers and writers looked up by the schema object rather than by
 * the schema's parsing fingerprint: the default hashes the whole canonical schema text on every record, which was
 * about 6 % of the screener's stream thread. The schemas are the same objects record after record (a generated
 * class's SCHEMA$, or the registry client's cached parse), so identity finds them; a new object falls through to
 * the default provider once.
 */
public final class SchemaIdentityDatumProvider<T> implements AvroDatumProvider<T> {

    /** Bounds the maps should a client ever hand over a fresh schema object per record. */
    private static final int MAX_SCHEMAS = 256;

    private final DefaultAvroDatumProvider<T> delegate = new DefaultAvroDatumProvider<>();
    private final ConcurrentHashMap<Identity, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Identity, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public void configure(AvroSerdeConfig config) {
        delegate.configure(config);
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        // The default also keys its writers on whether the datum is a SpecificRecord; one serde sees one kind.
        if (writers.size() > MAX_SCHEMAS) {
            writers.clear();
        }
        return writers.computeIfAbsent(new Identity(schema), k -> delegate.createDatumWriter(data, schema));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        if (readers.size() > MAX_SCHEMAS) {
            readers.clear();
        }
        return readers.computeIfAbsent(new Identity(schema), k -> delegate.createDatumReader(schema));
    }

    @Override
    public Schema toSchema(T data) {
        return delegate.toSchema(data);
    }

    /** Equal only to itself: identity, not Schema.equals (which walks the schema). */
    private record Identity(Schema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
