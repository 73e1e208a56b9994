package io.reescreen.screener.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reescreen.model.ensemble.ModelDevice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.release.ReleaseRejection;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.serving.ModelInfo;
import io.reescreen.screener.serving.ServedModel;
import io.reescreen.screener.testing.TestModels;
import io.reescreen.screener.reasons.DlqReason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The topology's hooks as Micrometer meters. */
class MicrometerScreenerMetricsTest {

    @Test
    void everyHookMovesItsMeterAndEveryReasonExistsFromTheStart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CurrentModel models = CurrentModel.bootstrap("ree-mtnn", TestModels.trained(), "synthetic")) {
            MicrometerScreenerMetrics m = new MicrometerScreenerMetrics(registry, models);
            for (DlqReason reason : DlqReason.values()) {
                assertEquals(0.0, registry.get(MicrometerScreenerMetrics.READINGS_DLQ).tag("reason", reason.name())
                        .counter().count(), reason.name());
            }
            m.readingReceived();
            m.readingReceived();
            m.readingDeadLettered(DlqReason.MISSING_ANALYTE);
            m.duplicateReading();
            m.compositionUpdated();
            m.predictionMade(TimeUnit.MILLISECONDS.toNanos(12));
            m.predictionFailed();
            m.alertRaised(AlertTransition.BECAME_LIKELY_HIGH);
            m.releaseAccepted(ReleaseAction.PROMOTE);
            m.releaseRejected(ReleaseRejection.CHECKSUM_MISMATCH);
            m.releaseRejected(ReleaseRejection.CHECKSUM_MISMATCH);
            m.recordSkipped("processing");
            m.recordSkipped("somewhere-new");
            m.readingDeadLettered(null); // never throws

            assertEquals(2.0, registry.get(MicrometerScreenerMetrics.READINGS_RECEIVED).counter().count());
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.READINGS_DLQ).tag("reason", "MISSING_ANALYTE")
                    .counter().count());
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.READINGS_DUPLICATE).counter().count());
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.COMPOSITIONS_UPDATED).counter().count());
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.PREDICTIONS).counter().count());
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.PREDICTIONS_FAILED).counter().count());
            assertEquals(1L, registry.get(MicrometerScreenerMetrics.PREDICTION_LATENCY).timer().count());
            assertEquals(12.0, registry.get(MicrometerScreenerMetrics.PREDICTION_LATENCY).timer()
                    .totalTime(TimeUnit.MILLISECONDS), 1e-9);
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.ALERTS).tag("transition", "BECAME_LIKELY_HIGH")
                    .counter().count());
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.RELEASES_ACCEPTED).tag("action", "PROMOTE")
                    .counter().count());
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.RECORDS_SKIPPED).tag("stage", "processing")
                    .counter().count());
            assertEquals(1.0, registry.get(MicrometerScreenerMetrics.RECORDS_SKIPPED).tag("stage", "somewhere-new")
                    .counter().count());
            assertEquals(2L, m.releasesRejected());
            assertEquals(Map.of("CHECKSUM_MISMATCH", 2L), m.releasesRejectedByReason());
            assertEquals(1L, m.releasesAccepted());
        }
    }

    @Test
    void theModelGaugeFollowsTheModelInForce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CurrentModel models = CurrentModel.bootstrap("ree-mtnn", TestModels.trained(), "synthetic")) {
            MicrometerScreenerMetrics m = new MicrometerScreenerMetrics(registry, models);
            String bootstrap = models.info().version();
            assertEquals(List.of(bootstrap), versions(registry));
            ModelInfo info = new ModelInfo("ree-mtnn", "v7", bootstrap, ReleaseAction.PUBLISH, "ab", TestModels.FEATURES,
                    5, System.currentTimeMillis());
            models.swap(ServedModel.load(info, TestModels.shifted(1)));
            m.releaseAccepted(ReleaseAction.PUBLISH);
            assertEquals(List.of("v7"), versions(registry));
            models.revertToBootstrap(); // a withdrawal calls no hook: the next prediction re-tags
            m.predictionMade(1_000);
            assertEquals(List.of(bootstrap), versions(registry));
            assertTrue(registry.get(MicrometerScreenerMetrics.MODEL_SERVED_SINCE).gauge().value() > 1.6e9);
        }
    }

    private static List<String> versions(SimpleMeterRegistry registry) {
        return registry.find(MicrometerScreenerMetrics.MODEL_INFO).gauges().stream()
                .map(Meter::getId).map(id -> id.getTag("version")).toList();
    }

    @Test
    void prometheusHasTheDeviceInfo() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (CurrentModel models = CurrentModel.bootstrap("ree-mtnn", TestModels.trained(), "synthetic")) {
            new MicrometerScreenerMetrics(registry, models).gaugeDevice(
                    ModelDevice.resolve(ModelDevice.Choice.CPU, () -> 1, "PyTorch (test)"));
            assertTrue(registry.scrape().lines().anyMatch(
                    "reescreen_model_device_info{device=\"cpu\",requested=\"cpu\"} 1"::equals), registry.scrape());
        }
    }
}
