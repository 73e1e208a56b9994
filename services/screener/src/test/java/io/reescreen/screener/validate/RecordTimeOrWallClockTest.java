package io.reescreen.screener.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.screener.topology.ScreenerStreamsConfig;
import io.reescreen.screener.metrics.ScreenerMetrics;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class RecordTimeOrWallClockTest {

    private final RecordTimeOrWallClock extractor = new RecordTimeOrWallClock();

    @Test
    void aRecordWithoutATimestampIsStampedWithTheWallClockInsteadOfStoppingTheStream() {
        long before = System.currentTimeMillis();
        long extracted = extractor.extract(record(ConsumerRecord.NO_TIMESTAMP), 1_000L);
        assertTrue(extracted >= before && extracted <= System.currentTimeMillis(), Long.toString(extracted));
    }

    @Test
    void aRecordsOwnTimestampIsKeptEvenWhenAbsurdForTheValidatorToJudge() {
        assertEquals(0L, extractor.extract(record(0L), 5_000L));
        assertEquals(32_472_144_000_000L, extractor.extract(record(32_472_144_000_000L), 5_000L));
    }

    @Test
    void theScreenersStreamsUseIt() {
        assertEquals(RecordTimeOrWallClock.class, ScreenerStreamsConfig.properties("app", "broker:9092",
                ScreenerMetrics.noop()).get(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG));
    }

    private static ConsumerRecord<Object, Object> record(long timestamp) {
        return new ConsumerRecord<>("xrf.readings", 0, 0L, timestamp, TimestampType.CREATE_TIME, 1, 1, "k", "v",
                new RecordHeaders(), Optional.empty());
    }
}
