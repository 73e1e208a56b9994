package io.reescreen.retrainer.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A lab result waiting for its lot's composition: its original bytes (to dead-letter them unchanged if it never
 * joins), where it came from (lineage) and when it arrived (wall clock, for the wait limit).
 */
record WaitingLabResult(byte[] key, byte[] value, int partition, long offset, long timestampMs, long arrivedAtMs) {

    private static final int FORMAT = 1;

    static final Serde<WaitingLabResult> SERDE = Serdes.serdeFrom(serializer(), deserializer());

    private static Serializer<WaitingLabResult> serializer() {
        return (topic, w) -> {
            if (w == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                writeBytes(out, w.key);
                writeBytes(out, w.value);
                out.writeInt(w.partition);
                out.writeLong(w.offset);
                out.writeLong(w.timestampMs);
                out.writeLong(w.arrivedAtMs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }

    private static Deserializer<WaitingLabResult> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                int format = in.readByte();
                if (format != FORMAT) {
                    throw new IllegalStateException("waiting lab result format " + format + " is not " + FORMAT);
                }
                return new WaitingLabResult(readBytes(in), readBytes(in), in.readInt(), in.readLong(), in.readLong(),
                        in.readLong());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
