package io.reescreen.screener.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avro single-object encoding (marker, schema fingerprint, binary body) for Avro values kept in internal state
 * stores, with no registry. A value written under an older schema whose fingerprint this build does not know reads
 * as absent: use it only for caches that the next update rewrites (the latest prediction of a lot).
 */
public final class AvroSingleObjectSerde<T extends SpecificRecord> implements Serde<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AvroSingleObjectSerde.class);

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSingleObjectSerde(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(value);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException | AvroRuntimeException e) {
                throw new SerializationException("cannot encode " + type.getSimpleName(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (MissingSchemaException e) {
                LOG.debug("{} written under a schema this build does not know; reading it as absent", type.getSimpleName());
                return null;
            } catch (IOException | AvroRuntimeException e) {
                throw new SerializationException("cannot decode " + type.getSimpleName(), e);
            }
        };
    }
}
