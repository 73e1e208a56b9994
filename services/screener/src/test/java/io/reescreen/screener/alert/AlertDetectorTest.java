package io.reescreen.screener.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.AlertTrigger;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.OxideAttribution;
import io.reescreen.schemas.ReeEstimate;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.predict.ScoredLot;
import io.reescreen.screener.testing.MockStores;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert rule alone, on hand-made predictions: hysteresis, trigger, once per transition. */
class AlertDetectorTest {

    private MockProcessorContext<String, HighReeAlert> context;
    private AlertDetector detector;

    @BeforeEach
    void setUp() {
        ScreenerSettings settings = ScreenerSettings.defaults().toBuilder().alert(0.5, 0.1).build();
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(1_000L);
        MockStores.keyValue(context, StoreNames.LOT_VERDICTS, LotVerdict.SERDE);
        detector = new AlertDetector(settings.alertSettings(), ScreenerMetrics.noop());
        detector.init(context);
    }

    private List<AlertTransition> feed(String version, double... probabilities) {
        context.resetForwards();
        int n = 0;
        for (double p : probabilities) {
            n++;
            detector.process(new Record<>("L", new ScoredLot(prediction(p, version, n), "S", "R-" + n), 0L));
        }
        return context.forwarded().stream().map(f -> f.record().value().getTransition()).toList();
    }

    private static ReePrediction prediction(double probability, String version, int readings) {
        return ReePrediction.newBuilder()
                .setLotId("L").setPredictedAt(Instant.EPOCH).setModelName("m").setModelVersion(version)
                .setReadingCount(readings)
                .setOutputs(List.of(ReeEstimate.newBuilder().setTarget(ReeTarget.TOTAL_REE).setMeanPpmMol(170)
                        .setStdPpmMol(20).setP05PpmMol(140).setP95PpmMol(200).build()))
                .setThresholdTotalReePpmMol(157).setProbTotalAtOrAboveThreshold(probability).setOutOfDomain(false)
                .setDomainDistanceMahalanobis(1.2).setAttributionBaselinePpmMol(150)
                .setAttributions(List.of(
                        OxideAttribution.newBuilder().setOxide(io.reescreen.schemas.MajorOxide.CaO).setContributionPpmMol(-4).build(),
                        OxideAttribution.newBuilder().setOxide(io.reescreen.schemas.MajorOxide.Al2O3).setContributionPpmMol(22).build()))
                .setEnsembleMembers(30).setNoiseSamples(64).build();
    }

    @Test
    void hoveringAroundTheLineDoesNotFlap() {
        assertEquals(List.of(AlertTransition.BECAME_LIKELY_HIGH),
                feed("v1", 0.2, 0.49, 0.5, 0.45, 0.41, 0.55, 0.42));
        assertEquals(List.of(AlertTransition.NO_LONGER_LIKELY_HIGH), feed("v1", 0.39, 0.45, 0.49));
        assertEquals(List.of(AlertTransition.BECAME_LIKELY_HIGH, AlertTransition.NO_LONGER_LIKELY_HIGH),
                feed("v1", 0.9, 0.1));
    }

    @Test
    void theAlertSaysWhyAndWhichModel() {
        feed("v1", 0.3);
        feed("v2", 0.8);
        HighReeAlert a = context.forwarded().get(0).record().value();
        assertEquals(AlertTrigger.NEW_MODEL, a.getTrigger());
        assertEquals("S", a.getSiteId());
        assertEquals(io.reescreen.schemas.MajorOxide.Al2O3, a.getTopAttributions().get(0).getOxide(), "largest |contribution| first");
        assertEquals(170, a.getTotalReeMeanPpmMol());
        assertTrue(a.getReason().contains("P(total REE >= 157 ppm mol) = 0.80"), a.getReason());
        assertTrue(a.getReason().contains("Al2O3 +22"), a.getReason());
        assertTrue(a.getReason().contains("v1"), "names the model it replaced: " + a.getReason());
    }
}
