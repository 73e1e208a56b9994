package io.reescreen.screener.decode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Walks an Avro binary body with its writer's schema before anything is decoded. Avro's own decoder allocates a
 * declared string or array length before reading it (a 12-byte value claiming a 2 GB string is an OutOfMemoryError on
 * the stream thread), turns invalid UTF-8 into U+FFFD without a word, and stops at the end of the record whatever
 * follows. So here every length and count must fit in the bytes that remain, every string must be valid UTF-8, every
 * enum index and union branch must exist, and the body must end exactly where the value ends. Problems are named by
 * field path and byte offset, for the operator who reads the dead letter.
 */
final class AvroBodyScan {

    /** Deeper than any schema of ours; a recursive writer schema could otherwise overflow the stack. */
    private static final int MAX_DEPTH = 64;
    /** Items that take no bytes (nulls) still cost a loop turn each. */
    private static final long MAX_EMPTY_ITEMS = 1_000_000;

    private final byte[] bytes;
    private final int start;
    private final Deque<String> path = new ArrayDeque<>();
    private int pos;

    private AvroBodyScan(byte[] bytes, int start) {
        this.bytes = bytes;
        this.start = start;
        this.pos = start;
    }

    /**
     * @param offset where the Avro body starts in {@code value} (after any framing)
     * @return what is wrong with the body, in words, or empty when {@code value} holds exactly one valid datum
     */
    static Optional<String> problem(Schema writer, byte[] value, int offset) {
        AvroBodyScan scan = new AvroBodyScan(value, offset);
        try {
            scan.datum(writer, 0);
        } catch (Malformed e) {
            return Optional.of(e.getMessage());
        }
        if (scan.pos != value.length) {
            return Optional.of((value.length - scan.pos) + " trailing bytes after a complete " + writer.getName()
                    + " of " + (scan.pos - offset) + " bytes (the value is " + value.length + " bytes)");
        }
        return Optional.empty();
    }

    private void datum(Schema schema, int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> {
                int b = take(1);
                if (bytes[b] != 0 && bytes[b] != 1) {
                    throw malformed(String.format("a boolean is byte 0x%02X, not 0x00 or 0x01", bytes[b] & 0xFF));
                }
            }
            case INT -> varint(5);
            case LONG -> varint(10);
            case FLOAT -> take(4);
            case DOUBLE -> take(8);
            case FIXED -> take(schema.getFixedSize());
            case BYTES -> take(length("bytes"));
            case STRING -> string();
            case ENUM -> {
                long index = varint(5);
                if (index < 0 || index >= schema.getEnumSymbols().size()) {
                    throw malformed("enum " + schema.getName() + " index " + index + " does not exist (it has "
                            + schema.getEnumSymbols().size() + " symbols)");
                }
            }
            case UNION -> {
                long branch = varint(10);
                if (branch < 0 || branch >= schema.getTypes().size()) {
                    throw malformed("union branch " + branch + " does not exist (the union has "
                            + schema.getTypes().size() + " branches)");
                }
                datum(schema.getTypes().get((int) branch), depth + 1);
            }
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    path.addLast(field.name());
                    datum(field.schema(), depth + 1);
                    path.removeLast();
                }
            }
            case ARRAY -> blocks(schema.getElementType(), false, depth);
            case MAP -> blocks(schema.getValueType(), true, depth);
            default -> throw malformed("type " + schema.getType() + " is not Avro binary");
        }
    }

    /** Arrays and maps: blocks of items, each block a count (negative: followed by its size in bytes), then 0. */
    private void blocks(Schema items, boolean map, int depth) throws Malformed {
        long index = 0;
        while (true) {
            long count = varint(10);
            if (count == 0) {
                return;
            }
            if (count < 0) {
                count = -count;
                length("block size");
            }
            if (count < 0 || count > Math.max(remaining(), MAX_EMPTY_ITEMS)) {
                throw malformed("declares " + count + " items, more than the " + remaining() + " bytes left could hold");
            }
            for (long i = 0; i < count; i++, index++) {
                path.addLast((map ? "{" : "[") + index + (map ? "}" : "]"));
                if (map) {
                    string();
                }
                datum(items, depth + 1);
                path.removeLast();
            }
        }
    }

    private void string() throws Malformed {
        int length = length("string");
        int at = take(length);
        int bad = invalidUtf8At(bytes, at, at + length);
        if (bad >= 0) {
            throw malformed(String.format("is not valid UTF-8 (byte 0x%02X at value offset %d)", bytes[bad] & 0xFF, bad));
        }
    }

    /**
     * Where the first byte of an ill-formed UTF-8 sequence is (overlong forms, surrogates and code points above
     * U+10FFFF included, as the Unicode standard's table 3-7 has it), or -1 when the range is well-formed.
     */
    static int invalidUtf8At(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
                lo = c == 0xE0 ? 0xA0 : 0x80;
                hi = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return i;
            }
            if (i + more >= to) {
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k <= more; k++) {
                int next = b[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return i;
                }
            }
            i += more + 1;
        }
        return -1;
    }

    /** A length prefix: not negative, and no longer than what is left. */
    private int length(String what) throws Malformed {
        long length = varint(10);
        if (length < 0) {
            throw malformed("declares a negative " + what + " length (" + length + ")");
        }
        if (length > remaining()) {
            throw malformed("truncated after " + bytes.length + " bytes: a " + what + " of " + length
                    + " bytes declared, " + remaining() + " left");
        }
        return (int) length;
    }

    /** A zig-zag varint of at most {@code maxBytes} bytes. */
    private long varint(int maxBytes) throws Malformed {
        long raw = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = bytes[take(1)] & 0xFF;
            raw |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                long value = (raw >>> 1) ^ -(raw & 1);
                if (maxBytes == 5 && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                    throw malformed("an int out of range (" + value + ")");
                }
                return value;
            }
        }
        throw malformed("a variable-length number longer than " + maxBytes + " bytes");
    }

    /** Consumes {@code n} bytes and returns where they start. */
    private int take(int n) throws Malformed {
        if (n > remaining()) {
            throw malformed("truncated after " + bytes.length + " bytes: " + n + " more needed");
        }
        int at = pos;
        pos += n;
        return at;
    }

    private int remaining() {
        return bytes.length - pos;
    }

    private Malformed malformed(String what) {
        StringBuilder where = new StringBuilder();
        for (Iterator<String> it = path.iterator(); it.hasNext(); ) {
            String part = it.next();
            if (where.length() > 0 && !part.startsWith("[") && !part.startsWith("{")) {
                where.append('.');
            }
            where.append(part);
        }
        String field = where.length() == 0 ? "the body" : where.toString();
        return new Malformed(what.startsWith("truncated") ? what + " (in " + field + ", body offset " + (pos - start) + ")"
                : field + " " + what + " (body offset " + (pos - start) + ")");
    }

    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
