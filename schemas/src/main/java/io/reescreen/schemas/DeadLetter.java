package io.reescreen.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead-letter record made to fit under the producer's and broker's size limits. The copy of a record that was
 * itself close to the limit, plus the reason headers, would not fit; under exactly-once a send that fails aborts
 * the transaction and stops the stream. So when the copy would exceed {@code maxRecordBytes}, the value (then the
 * key, then the original headers) is cut, and headers say so: the original size, its SHA-256 and
 * {@code reescreen.dlq.truncated}. The whole original stays on its source topic at the partition and offset the
 * DLQ headers name, for as long as that topic's retention keeps it.
 */
public record DeadLetter(byte[] key, byte[] value, Headers headers) {

    /**
     * Below the producer's default {@code max.request.size} (1,048,576) and the broker's default
     * {@code message.max.bytes} (1,048,588), with room for the batch overhead.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;

    public static final String TRUNCATED = "reescreen.dlq.truncated";
    public static final String ORIGINAL_VALUE_BYTES = "reescreen.dlq.original.value.bytes";
    public static final String ORIGINAL_VALUE_SHA256 = "reescreen.dlq.original.value.sha256";
    public static final String ORIGINAL_KEY_BYTES = "reescreen.dlq.original.key.bytes";
    public static final String ORIGINAL_KEY_SHA256 = "reescreen.dlq.original.key.sha256";
    public static final String ORIGINAL_HEADERS_DROPPED = "reescreen.dlq.original.headers.dropped";

    /** Per-record framing: attributes, varint lengths, timestamp and offset deltas, generously. */
    private static final int RECORD_OVERHEAD = 64;
    /** Per-header framing (two varint lengths). */
    private static final int HEADER_OVERHEAD = 10;
    /** The truncation headers themselves, with room to spare. */
    private static final int TRUNCATION_HEADERS = 512;

    /**
     * @param headers the DLQ headers already merged with the original ones ({@link DlqHeaders#of})
     */
    public static DeadLetter fitted(byte[] key, byte[] value, Headers headers, int maxRecordBytes) {
        if (estimatedBytes(key, value, headers) <= maxRecordBytes) {
            return new DeadLetter(key, value, headers);
        }
        RecordHeaders out = new RecordHeaders();
        for (Header h : headers) {
            out.add(h.key(), h.value());
        }
        out.add(TRUNCATED, HeaderText.utf8("true"));
        int budget = maxRecordBytes - RECORD_OVERHEAD - TRUNCATION_HEADERS;
        int ownHeaders = headerBytes(out, true);
        int originalHeaders = headerBytes(out, false) - ownHeaders;
        if (ownHeaders + len(key) + originalHeaders > budget) {
            // Hostile headers: keep ours, drop the sender's, and say how many.
            RecordHeaders ours = new RecordHeaders();
            int dropped = 0;
            for (Header h : out) {
                if (h.key().startsWith("reescreen.dlq.")) {
                    ours.add(h.key(), h.value());
                } else {
                    dropped++;
                }
            }
            ours.add(ORIGINAL_HEADERS_DROPPED, HeaderText.utf8(Integer.toString(dropped)));
            out = ours;
        }
        byte[] keyOut = key;
        if (headerBytes(out, false) + len(key) > budget / 2 && key != null && key.length > 0) {
            keyOut = cut(key, Math.max(0, Math.min(key.length, budget / 2 - headerBytes(out, false))));
            out.add(ORIGINAL_KEY_BYTES, HeaderText.utf8(Integer.toString(key.length)));
            out.add(ORIGINAL_KEY_SHA256, HeaderText.utf8(sha256(key)));
        }
        byte[] valueOut = value;
        if (value != null) {
            int room = Math.max(0, budget - headerBytes(out, false) - len(keyOut));
            valueOut = cut(value, Math.min(value.length, room));
            out.add(ORIGINAL_VALUE_BYTES, HeaderText.utf8(Integer.toString(value.length)));
            out.add(ORIGINAL_VALUE_SHA256, HeaderText.utf8(sha256(value)));
        }
        return new DeadLetter(keyOut, valueOut, out);
    }

    /** An upper bound of the record's size in a batch, as the producer checks it against its limit. */
    public static int estimatedBytes(byte[] key, byte[] value, Headers headers) {
        return RECORD_OVERHEAD + len(key) + len(value) + headerBytes(headers, false);
    }

    /** True if this copy lost part of the original. */
    public boolean truncated() {
        return headers.lastHeader(TRUNCATED) != null;
    }

    private static int headerBytes(Headers headers, boolean dlqOnly) {
        int n = 0;
        for (Header h : headers) {
            if (!dlqOnly || h.key().startsWith("reescreen.dlq.")) {
                n += HEADER_OVERHEAD + h.key().getBytes(StandardCharsets.UTF_8).length + len(h.value());
            }
        }
        return n;
    }

    private static int len(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static byte[] cut(byte[] bytes, int length) {
        if (length >= bytes.length) {
            return bytes;
        }
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, 0, length);
        return out;
    }

    /** Lower-case hex, as the {@link #ORIGINAL_VALUE_SHA256} header carries it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
