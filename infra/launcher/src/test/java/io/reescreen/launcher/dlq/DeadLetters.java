package io.reescreen.launcher.dlq;

import io.reescreen.schemas.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/** Dead letters as the services write them, for unit tests. */
final class DeadLetters {

    enum Reason { UNKNOWN_LOT, MISSING_ANALYTE }

    private DeadLetters() {
    }

    static Headers headers(Enum<?> reason, Instant at, int sourcePartition, long sourceOffset) {
        return DlqHeaders.of(null, reason, "detail", "xrf.readings", sourcePartition, sourceOffset, at);
    }

    static ConsumerRecord<byte[], byte[]> record(long offset, String key, byte[] value, Headers headers, long timestamp) {
        return new ConsumerRecord<>("xrf.readings.dlq", 0, offset, timestamp, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length(), value == null ? -1 : value.length,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    static ConsumerRecord<byte[], byte[]> record(long offset, String lot, Enum<?> reason, Instant at) {
        return record(offset, lot, "value".getBytes(StandardCharsets.UTF_8), headers(reason, at, 0, offset),
                at.toEpochMilli());
    }
}
