package io.reescreen.retrainer.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class StreamErrorHandlersTest {

    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        public String topic() { return "lab.results"; }
        public int partition() { return 2; }
        public long offset() { return 41; }
        public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
        public String processorNodeId() { return "join-lab-results"; }
        public TaskId taskId() { return new TaskId(0, 2); }
        public long timestamp() { return 0; }
        public byte[] sourceRawKey() { return null; }
        public byte[] sourceRawValue() { return null; }
    };

    @Test
    void aRecordAProcessorThrowsOnIsSkippedAndCountedNotFatal() {
        SkipFailedRecordHandler handler = new SkipFailedRecordHandler();
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "handlers-test-1"));
        assertEquals(ProcessingExceptionHandler.ProcessingHandlerResponse.CONTINUE,
                handler.handle(CONTEXT, new Record<>("k", "v", 0L), new IllegalStateException("boom")));
        StreamFailures failures = StreamFailures.of("handlers-test-1");
        assertEquals(1, failures.processingErrorsSkipped());
        assertTrue(failures.lastFailure().orElseThrow().contains("join-lab-results on lab.results partition 2 offset 41"));
    }

    @Test
    void aRecordTooLargeToWriteIsDroppedAndCountedButABrokerRefusalStillFails() {
        DropUnwritableRecordHandler handler = new DropUnwritableRecordHandler();
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "handlers-test-2"));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("training.examples", new byte[1], new byte[1]);
        assertEquals(ProductionExceptionHandler.ProductionExceptionHandlerResponse.CONTINUE,
                handler.handle(CONTEXT, record, new RecordTooLargeException("too large")));
        assertEquals(ProductionExceptionHandler.ProductionExceptionHandlerResponse.FAIL,
                handler.handle(CONTEXT, record, new TopicAuthorizationException("no")));
        assertEquals(1, StreamFailures.of("handlers-test-2").productionErrorsDropped());
    }
}
