package io.reescreen.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class SourcePositionTest {

    private static Record<byte[], byte[]> stampedWith(SourcePosition position) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("producer.header", new byte[] {1});
        position.stampOnto(headers);
        return new Record<>(new byte[] {1}, new byte[] {2}, 0L, headers);
    }

    @Test
    void afterTheHopThePositionIsTheOneStampedOnTheInputTopic() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.setRecordMetadata("app-lab-results-repartition", 0, 7);

        SourcePosition source = SourcePosition.of(stampedWith(new SourcePosition("lab.results", 2, 99)), context,
                "lab.results");

        assertEquals(new SourcePosition("lab.results", 2, 99), source);
    }

    @Test
    void aStampAProducerWroteOnTheInputTopicItselfIsNotBelieved() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.setRecordMetadata("lab.results", 1, 5);

        SourcePosition source = SourcePosition.of(stampedWith(new SourcePosition("lab.results", 2, 99)), context,
                "lab.results");

        assertEquals(new SourcePosition("lab.results", 1, 5), source);
    }

    @Test
    void withoutMetadataOrStampThePositionIsUnknownOnTheInputTopic() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

        SourcePosition source = SourcePosition.of(new Record<>(null, null, 0L), context, "lots");

        assertEquals(new SourcePosition("lots", -1, -1), source);
    }

    @Test
    void unstampedHeadersAreTheProducersOwn() {
        Record<byte[], byte[]> record = stampedWith(new SourcePosition("lots", 0, 1));

        var original = SourcePosition.unstamped(record.headers());

        assertNull(original.lastHeader(SourcePosition.TOPIC));
        assertNull(original.lastHeader(SourcePosition.OFFSET));
        assertTrue(original.lastHeader("producer.header") != null, "the producer's header stays");
    }

    @Test
    void aNewStampReplacesAnOldOne() {
        Record<byte[], byte[]> record = stampedWith(new SourcePosition("lots", 0, 1));

        new SourcePosition("lots", 3, 42).stampOnto(record.headers());

        assertEquals(new SourcePosition("lots", 3, 42), SourcePosition.stamped(record.headers()).orElseThrow());
    }
}
