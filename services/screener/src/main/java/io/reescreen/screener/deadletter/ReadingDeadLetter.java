package io.reescreen.screener.deadletter;

import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import io.reescreen.streams.SourcePosition;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The xrf.readings.dlq copy of a rejected reading: its key and value bytes, its headers, and the DLQ headers (reason,
 * detail, source topic / partition / offset / timestamp, time). It is made to fit under the record size limit
 * ({@link DeadLetter#fitted}): under exactly-once a dead letter the broker refuses aborts the transaction and stops the
 * stream, so a reading near the limit is cut, with its original size and SHA-256 in headers. The copy is stamped with
 * the time it was dead-lettered: the source's own timestamp may be the very thing that was wrong (year 2999, 1970),
 * and the DLQ's retention should count from when the operator could first see it.
 */
public final class ReadingDeadLetter {

    /** The source record's Kafka timestamp, ms since the epoch (it may be absurd: it is evidence). */
    public static final String SOURCE_TIMESTAMP = "reescreen.dlq.source.timestamp";

    private ReadingDeadLetter() {
    }

    /**
     * @param record        the record as the stage received it: original key, headers and timestamp
     * @param originalValue the value bytes as read from xrf.readings
     * @param source        where the record entered the screener (on xrf.readings, not the internal topic of the hop)
     * @param nowMs         wall clock, ms since the epoch
     */
    static <T> Record<byte[], StagedReading<T>> of(Record<byte[], ?> record, byte[] originalValue, Rejection rejected,
                                                   SourcePosition source, long nowMs, int maxRecordBytes) {
        Headers headers = DlqHeaders.of(record.headers(), rejected.reason(), rejected.detail(),
                source.topic(), source.partition(), source.offset(),
                Instant.ofEpochMilli(nowMs));
        headers.add(SOURCE_TIMESTAMP, HeaderText.utf8(Long.toString(record.timestamp())));
        DeadLetter copy = DeadLetter.fitted(record.key(), originalValue, headers, maxRecordBytes);
        return new Record<>(copy.key(), StagedReading.deadLetter(copy.value()), nowMs, copy.headers());
    }
}
