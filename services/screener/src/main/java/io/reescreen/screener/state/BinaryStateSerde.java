package io.reescreen.screener.state;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
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
        Output bytes = new Output(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(formatVersion);
            writer.write(value, out);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + what, e);
        }
        return bytes.toByteArray();
    }

    // The JDK's ByteArray streams synchronise every call, and DataInput/OutputStream read and write ints a byte per
    // call: on the screener's per-reading path (a lot aggregate read and written twice per reading) the locking was
    // most of the cost. These two are the same streams without locks; the bytes are unchanged.

    /** An unsynchronised ByteArrayOutputStream. */
    private static final class Output extends OutputStream {
        private byte[] buf;
        private int count;

        Output(int size) {
            buf = new byte[size];
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }
    }

    /** An unsynchronised ByteArrayInputStream. */
    private static final class Input extends InputStream {
        private final byte[] buf;
        private int pos;

        Input(byte[] buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return pos < buf.length ? buf[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (pos >= buf.length) {
                return -1;
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return buf.length - pos;
        }
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new Input(bytes))) {
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
