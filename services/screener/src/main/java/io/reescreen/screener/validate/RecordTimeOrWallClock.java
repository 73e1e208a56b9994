package io.reescreen.screener.validate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp, or the wall clock when it has none. A record without a timestamp (-1, which the broker
 * takes from clients other than Java's) would stop the stream thread under Kafka Streams' default extractor
 * ({@code FailOnInvalidTimestamp}), and be silently dropped under the skipping one; stamped with the time it is
 * processed, it is screened like any other. Absurd but valid timestamps are left as they are: the reading's
 * validation judges them (EARLY_TIMESTAMP, FUTURE_TIMESTAMP).
 */
public final class RecordTimeOrWallClock implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        return timestamp >= 0 ? timestamp : System.currentTimeMillis();
    }
}
