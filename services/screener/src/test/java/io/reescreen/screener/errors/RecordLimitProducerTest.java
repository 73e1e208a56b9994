package io.reescreen.screener.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The guard in front of the stream's producer: what fits goes through untouched, what does not never reaches it. */
class RecordLimitProducerTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final RecordLimitProducer guard = new RecordLimitProducer(producer, 1_048_576);

    @Test
    void aRecordThatFitsReachesTheProducer() throws Exception {
        Future<RecordMetadata> sent = guard.send(new ProducerRecord<>("ree.predictions", "lot".getBytes(),
                new byte[1_000_000]));
        assertEquals(1, producer.history().size());
        assertTrue(sent.get().offset() >= 0);
    }

    @Test
    void aRecordAboveTheLimitNeverReachesTheProducerAndItsCallbackSaysWhy() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[600_000]);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("lot.compositions", null, "lot".getBytes(),
                new byte[500_000], headers);
        AtomicReference<Exception> seen = new AtomicReference<>();
        Future<RecordMetadata> sent = guard.send(record, (metadata, e) -> seen.set(e));
        assertEquals(0, producer.history().size(), "the transactional producer never saw it");
        RecordLimitProducer.OversizeRecordException refused =
                assertInstanceOf(RecordLimitProducer.OversizeRecordException.class, seen.get());
        assertTrue(refused.sizeBytes() > 1_100_000, "headers count: " + refused.sizeBytes());
        assertEquals(1_048_576, refused.limitBytes());
        ExecutionException failed = assertThrows(ExecutionException.class, sent::get);
        assertInstanceOf(RecordLimitProducer.OversizeRecordException.class, failed.getCause());
    }

    @Test
    void theLimitIsTheProducersOwnAndItsSizeCountIsKafkas() {
        assertEquals(1_048_576, RecordLimitProducer.limitOf(Map.of()));
        assertEquals(2_000_000, RecordLimitProducer.limitOf(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2000000")));
        assertEquals(500_000, RecordLimitProducer.limitOf(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 500_000L)));
        // Just under the default limit once Kafka's batch framing is counted: still sent.
        int fits = 1_048_576;
        while (RecordLimitProducer.sizeOf(new ProducerRecord<>("t", new byte[fits])) > 1_048_576) {
            fits--;
        }
        assertTrue(fits > 1_048_000, "the framing is a few bytes: " + fits);
        AtomicReference<Exception> seen = new AtomicReference<>();
        guard.send(new ProducerRecord<>("t", new byte[fits]), (m, e) -> seen.set(e));
        assertNull(seen.get());
        guard.send(new ProducerRecord<>("t", new byte[fits + 1]), (m, e) -> seen.set(e));
        assertInstanceOf(RecordLimitProducer.OversizeRecordException.class, seen.get());
        assertEquals(1, producer.history().size());
    }
}
