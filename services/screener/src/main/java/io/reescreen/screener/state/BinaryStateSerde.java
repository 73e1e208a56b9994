package io.reescreen.screener.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A state-store serde in a small hand-written binary format: one format-version byte, then the fields. Internal
 * stores use it rather than the registry so that changelog topics need no schema subject; the version byte lets a
 * newer screener read what an older one wrote.
 */
public final class BinaryStateSerde<T> implements Serde<T> {

    /** Writes the fields of one value. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    /** Reads the fields written in {@code formatVersion} (at most the serde's current version). */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in, int formatVersion) throws IOException;
    }

    private final String what;
    private final int formatVersion;
    private final Writer<T> writer;
    private final Reader<T> reader;

    public BinaryStateSerde(String what, int formatVersion, Writer<T> writer, Reader<T> reader) {
        if (formatVersion < 1 || formatVersion > 127) {
            throw new IllegalArgumentException("format version must be 1..127");
        }
        this.what = Objects.requireNonNull(what, "what");
        this.formatVersion = formatVersion;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(formatVersion);
            writer.write(value, out);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + what, e);
        }
        return bytes.toByteArray();
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version < 1 || version > formatVersion) {
                throw new SerializationException(what + " in format version " + version + "; this build reads 1.."
                        + formatVersion);
            }
            T value = reader.read(in, version);
            if (in.available() != 0) {
                throw new SerializationException(in.available() + " unread bytes after " + what);
            }
            return value;
        } catch (IOException e) {
            throw new SerializationException("cannot read " + what, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }

    public static void writeNullableUtf(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    public static String readNullableUtf(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
