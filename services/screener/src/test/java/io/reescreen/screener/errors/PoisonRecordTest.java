package io.reescreen.screener.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.release.ReleaseRejection;
import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.reasons.LotDlqReason;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import io.reescreen.screener.testing.Readings;
import io.reescreen.screener.testing.ScreenerHarness;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.reasons.DlqReason;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/** Poison on every input topic, and a processor that throws: the driver never stops, later records flow. */
class PoisonRecordTest {

    /** Throws from inside the predictor once, the way an unforeseen bug would. */
    private static final class FailingOnce implements ScreenerMetrics {
        private final InMemoryScreenerMetrics delegate;
        private final AtomicBoolean failed = new AtomicBoolean();

        FailingOnce(InMemoryScreenerMetrics delegate) {
            this.delegate = delegate;
        }

        @Override
        public void predictionMade(long latencyNanos) {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure inside the predictor");
            }
            delegate.predictionMade(latencyNanos);
        }

        @Override
        public void readingReceived() {
            delegate.readingReceived();
        }

        @Override
        public void readingDeadLettered(DlqReason reason) {
            delegate.readingDeadLettered(reason);
        }

        @Override
        public void duplicateReading() {
            delegate.duplicateReading();
        }

        @Override
        public void compositionUpdated() {
            delegate.compositionUpdated();
        }

        @Override
        public void predictionFailed() {
            delegate.predictionFailed();
        }

        @Override
        public void alertRaised(AlertTransition transition) {
            delegate.alertRaised(transition);
        }

        @Override
        public void releaseAccepted(ReleaseAction action) {
            delegate.releaseAccepted(action);
        }

        @Override
        public void releaseRejected(ReleaseRejection reason) {
            delegate.releaseRejected(reason);
        }

        @Override
        public void recordSkipped(String stage) {
            delegate.recordSkipped(stage);
        }

        @Override
        public void lotInfoReceived() {
            delegate.lotInfoReceived();
        }

        @Override
        public void lotInfoDeadLettered(LotDlqReason reason) {
            delegate.lotInfoDeadLettered(reason);
        }

        @Override
        public void lotSitesMixed() {
            delegate.lotSitesMixed();
        }
    }

    @Test
    void poisonAnywhereDoesNotStopTheStream() {
        InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
        try (ScreenerHarness s = ScreenerHarness.start(ScreenerSettings.defaults(), TestModels.trained(),
                new FailingOnce(metrics), metrics)) {
            byte[] poison = {(byte) 0xff, 0x00, 0x13, 0x37};
            TestInputTopic<String, byte[]> rawLots = s.driver.createInputTopic(Topics.LOTS.name(), new StringSerializer(),
                    new ByteArraySerializer());
            rawLots.pipeInput("L-P", poison);
            s.releases.pipeInput(ScreenerSettings.DEFAULT_MODEL_NAME, poison);
            s.send("L-P", poison);

            // The first good reading: the predictor throws while publishing it, so neither its composition nor its
            // prediction goes out (both are published together); the lot's aggregate has counted it.
            s.send(Readings.oxides("L-P", "R-1", Readings.typicalWtPct()).build());
            // The next one goes all the way through.
            s.send(Readings.oxides("L-P", "R-2", Readings.typicalWtPct()).build());

            // Lots are screened like readings now: the poison is dead-lettered, not skipped by a handler.
            assertEquals(0, metrics.count(InMemoryScreenerMetrics.skippedCounter("deserialization")), metrics.toString());
            assertEquals(1, metrics.count(InMemoryScreenerMetrics.lotDlqCounter(LotDlqReason.UNDECODABLE)));
            assertEquals(1, s.lotsDlq.readRecordsToList().size());
            assertEquals(1, metrics.count(InMemoryScreenerMetrics.releaseRejectedCounter(ReleaseRejection.UNDECODABLE_RELEASE)));
            assertEquals(1, metrics.count(InMemoryScreenerMetrics.dlqCounter(DlqReason.UNDECODABLE)));
            assertEquals(1, metrics.count(InMemoryScreenerMetrics.skippedCounter("processing")), metrics.toString());
            var compositions = s.compositions.readValuesToList();
            assertEquals(1, compositions.size());
            assertEquals(2, compositions.get(0).getShotCount(), "the next composition carries both readings");
            var predictions = s.predictions.readValuesToList();
            assertEquals(1, predictions.size());
            assertEquals(2, predictions.get(0).getReadingCount());
            assertTrue(predictions.get(0).getModelVersion().startsWith("bootstrap-"), "the poison release changed nothing");
            assertEquals(1, s.dlq.readRecordsToList().size());
        }
    }
}
