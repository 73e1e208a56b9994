package io.reescreen.screener;

import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.topology.ScreenerStreamsConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.units.BelowDetectionPolicy;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.MissingOxidePolicy;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.screener.alert.LotVerdict;
import io.reescreen.screener.errors.ContinueOnDeserializationError;
import io.reescreen.screener.errors.ContinueOnProcessingError;
import io.reescreen.screener.errors.ProductionErrorPolicy;
import io.reescreen.screener.predict.ThresholdUnit;
import io.reescreen.screener.state.AvroSingleObjectSerde;
import io.reescreen.screener.testing.InMemoryScreenerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Settings from properties, the Streams configuration, and the internal store formats. */
class ScreenerConfigTest {

    @Test
    void defaultsAreThePapersAndTheBriefs() {
        ScreenerSettings s = ScreenerSettings.defaults();
        assertEquals(157.0, s.threshold());
        assertEquals(ThresholdUnit.PPM_MOL, s.thresholdUnit());
        assertEquals(0.5, s.alertProbability());
        assertEquals(70.0, s.minPlausibleTotalWtPct());
        assertEquals(110.0, s.maxPlausibleTotalWtPct());
        assertEquals(Duration.ofMinutes(5), s.maxFutureSkew());
        assertEquals(MissingOxidePolicy.BY_DIFFERENCE, s.readingPolicy().missingOxides());
        assertEquals(MajorOxide.SIO2, s.readingPolicy().byDifferenceOxide());
    }

    @Test
    void settingsComeFromFlatProperties() {
        ScreenerSettings s = ScreenerSettings.fromProperties(Map.of(
                ScreenerSettings.MODEL_NAME, "site-7",
                ScreenerSettings.MISSING_OXIDES, "REJECT",
                ScreenerSettings.BELOW_DETECTION, "ZERO",
                ScreenerSettings.THRESHOLD, "300",
                ScreenerSettings.THRESHOLD_UNIT, "ELEMENT_PPM_MASS",
                ScreenerSettings.ALERT_PROBABILITY, 0.7,
                ScreenerSettings.MAX_FUTURE_SKEW, "PT1M",
                ScreenerSettings.REQUIRE_LOT_INFO, "true",
                ScreenerSettings.NOISE_SAMPLES, "32"));
        assertEquals("site-7", s.modelName());
        assertEquals(MissingOxidePolicy.REJECT, s.readingPolicy().missingOxides());
        assertEquals(BelowDetectionPolicy.ZERO, s.readingPolicy().belowDetection());
        assertEquals(300.0, s.threshold());
        assertEquals(ThresholdUnit.ELEMENT_PPM_MASS, s.thresholdUnit());
        assertEquals(0.7, s.alertProbability());
        assertEquals(Duration.ofMinutes(1), s.maxFutureSkew());
        assertTrue(s.requireLotInfo());
        assertEquals(32, s.noiseSamples());
        assertEquals(ScreenerSettings.defaults().alertHysteresis(), s.alertHysteresis());
        assertThrows(IllegalArgumentException.class,
                () -> ScreenerSettings.fromProperties(Map.of(ScreenerSettings.THRESHOLD, "lots")));
        assertThrows(IllegalArgumentException.class,
                () -> ScreenerSettings.defaults().toBuilder().alert(0.5, 0.6).build());
    }

    @Test
    void theStreamsConfigIsExactlyOnceAndNeverStopsOnBadRecords() {
        InMemoryScreenerMetrics metrics = new InMemoryScreenerMetrics();
        Properties p = ScreenerStreamsConfig.properties("screener", "broker:9092", metrics);
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(ContinueOnDeserializationError.class, p.get(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(ContinueOnProcessingError.class, p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(ProductionErrorPolicy.class, p.get(StreamsConfig.DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(metrics, p.get(ScreenerStreamsConfig.METRICS_CONFIG));
        StreamsConfig config = new StreamsConfig(p);
        assertTrue(config.processingExceptionHandler() instanceof ContinueOnProcessingError);
        assertEquals("screener", config.getString(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Test
    void internalStoreFormatsRoundTrip() {
        LotVerdict v = new LotVerdict(true, "v2", 0.8, 3, 1234L, null);
        assertEquals(v, LotVerdict.SERDE.fromBytes(LotVerdict.SERDE.toBytes(v)));
        AvroSingleObjectSerde<ReePrediction> serde = new AvroSingleObjectSerde<>(ReePrediction.class);
        ReePrediction p = ReePrediction.newBuilder().setLotId("L").setPredictedAt(Instant.EPOCH).setModelName("m")
                .setModelVersion("v").setReadingCount(1).setOutputs(List.of()).setThresholdTotalReePpmMol(157)
                .setProbTotalAtOrAboveThreshold(0.1).setOutOfDomain(false).setDomainDistanceMahalanobis(1)
                .setAttributionBaselinePpmMol(150).setEnsembleMembers(1).setNoiseSamples(1).build();
        assertEquals(p, serde.deserializer().deserialize("t", serde.serializer().serialize("t", p)));
        byte[] unknownSchema = serde.serializer().serialize("t", p);
        unknownSchema[5] ^= 0x7f; // the fingerprint: as if written under another schema version
        assertEquals(null, serde.deserializer().deserialize("t", unknownSchema), "an unknown schema reads as absent");
    }
}
