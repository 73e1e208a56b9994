package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private enum Reason { TOO_BIG }

    private static Headers dlq(Headers original) {
        return DlqHeaders.of(original, Reason.TOO_BIG, "detail", "xrf.readings", 0, 42, Instant.EPOCH);
    }

    @Test
    void aSmallRecordIsCopiedWhole() {
        byte[] value = {1, 2, 3};
        DeadLetter d = DeadLetter.fitted("lot".getBytes(), value, dlq(new RecordHeaders()), DeadLetter.DEFAULT_MAX_RECORD_BYTES);
        assertFalse(d.truncated());
        assertArrayEquals(value, d.value());
    }

    @Test
    void aValueAtTheBrokerLimitIsCutToFitAndNamesItsSizeAndDigest() {
        byte[] value = new byte[1_048_500];
        new Random(1).nextBytes(value);
        DeadLetter d = DeadLetter.fitted("lot".getBytes(), value, dlq(new RecordHeaders()), DeadLetter.DEFAULT_MAX_RECORD_BYTES);
        assertTrue(d.truncated());
        assertTrue(DeadLetter.estimatedBytes(d.key(), d.value(), d.headers()) <= DeadLetter.DEFAULT_MAX_RECORD_BYTES);
        assertArrayEquals(Arrays.copyOf(value, d.value().length), d.value());
        assertEquals("1048500", DlqHeaders.text(d.headers(), DeadLetter.ORIGINAL_VALUE_BYTES));
        assertEquals(DeadLetter.sha256(value), DlqHeaders.text(d.headers(), DeadLetter.ORIGINAL_VALUE_SHA256));
        assertEquals("TOO_BIG", DlqHeaders.text(d.headers(), DlqHeaders.REASON));
    }

    @Test
    void aHugeKeyAndHugeHeadersAreCutOrDroppedToo() {
        RecordHeaders original = new RecordHeaders();
        original.add("junk", new byte[600_000]);
        byte[] key = new byte[700_000];
        DeadLetter d = DeadLetter.fitted(key, new byte[10], dlq(original), DeadLetter.DEFAULT_MAX_RECORD_BYTES);
        assertTrue(DeadLetter.estimatedBytes(d.key(), d.value(), d.headers()) <= DeadLetter.DEFAULT_MAX_RECORD_BYTES);
        assertEquals("1", DlqHeaders.text(d.headers(), DeadLetter.ORIGINAL_HEADERS_DROPPED));
        assertEquals("700000", DlqHeaders.text(d.headers(), DeadLetter.ORIGINAL_KEY_BYTES));
        assertEquals("42", DlqHeaders.text(d.headers(), DlqHeaders.SOURCE_OFFSET));
    }
}
