package io.reescreen.screener.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The serde's own streams write and read the very bytes the JDK's DataOutput/InputStream do. */
class BinaryStateSerdeTest {

    private record Sample(String name, int count, long at, double value, List<String> tags) {
    }

    private static void write(Sample s, DataOutputStream out) throws IOException {
        out.writeUTF(s.name());
        out.writeInt(s.count());
        out.writeLong(s.at());
        out.writeDouble(s.value());
        out.writeShort(s.tags().size());
        for (String t : s.tags()) {
            BinaryStateSerde.writeNullableUtf(out, t);
        }
    }

    private static Sample read(java.io.DataInputStream in, int version) throws IOException {
        String name = in.readUTF();
        int count = in.readInt();
        long at = in.readLong();
        double value = in.readDouble();
        List<String> tags = new ArrayList<>();
        for (int i = in.readShort(); i > 0; i--) {
            tags.add(BinaryStateSerde.readNullableUtf(in));
        }
        return new Sample(name, count, at, value, tags);
    }

    private static final BinaryStateSerde<Sample> SERDE = new BinaryStateSerde<>("Sample", 1,
            BinaryStateSerdeTest::write, BinaryStateSerdeTest::read);

    private static byte[] withTheJdkStreams(Sample s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            write(s, out);
        }
        return bytes.toByteArray();
    }

    @Test
    void writesTheSameBytesAsTheJdkStreamsAndReadsThemBack() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(i % 7 == 0 ? null : "analyzer-" + i);
        }
        for (Sample s : List.of(new Sample("L-1", 3, 1_750_000_000_000L, 0.1 + 0.2, List.of()),
                new Sample("Lot ü-Ω-\u0000-😀", -1, Long.MIN_VALUE, Double.NaN, List.of("é")),
                new Sample("L-big", Integer.MAX_VALUE, -7, -0.0, many))) {
            byte[] bytes = SERDE.toBytes(s);
            assertArrayEquals(withTheJdkStreams(s), bytes, s.name());
            Sample back = SERDE.fromBytes(bytes);
            assertEquals(s.name(), back.name());
            assertEquals(s.count(), back.count());
            assertEquals(s.at(), back.at());
            assertEquals(Double.doubleToRawLongBits(s.value()), Double.doubleToRawLongBits(back.value()));
            assertEquals(s.tags(), back.tags());
        }
        assertNull(SERDE.toBytes(null));
        assertNull(SERDE.fromBytes(null));
    }

    @Test
    void refusesTrailingBytesATruncatedValueAndANewerFormat() throws IOException {
        byte[] bytes = SERDE.toBytes(new Sample("L-1", 1, 2, 3, List.of("a")));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(SerializationException.class, () -> SERDE.fromBytes(longer));
        byte[] shorter = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(SerializationException.class, () -> SERDE.fromBytes(shorter));
        byte[] newer = bytes.clone();
        newer[0] = 2;
        assertThrows(SerializationException.class, () -> SERDE.fromBytes(newer));
    }
}
