package io.reescreen.embedded;

import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import java.time.Instant;
import java.util.List;

/** Plausible fly-ash XRF shots (oxide wt %), distinct per index, for round-trip tests. */
final class SampleReadings {

    private SampleReadings() {
    }

    static XrfReading oxideShot(String lotId, int index) {
        double jitter = 1 + (index % 7) * 0.01;
        return XrfReading.newBuilder()
                .setReadingId(lotId + "-shot-" + index)
                .setAnalyzerId("xrf-" + (index % 3))
                .setLotId(lotId)
                .setSampledAt(Instant.ofEpochMilli(1_760_000_000_000L + index * 1_000L))
                .setBasis(CompositionBasis.OXIDE_WT_PCT)
                .setMaterialBasis(MaterialBasis.ASH)
                .setAnalytes(List.of(
                        analyte("SiO2", 52.1 * jitter, 0.8),
                        analyte("Al2O3", 26.4 * jitter, 0.5),
                        analyte("CaO", 3.2 * jitter, 0.1),
                        analyte("Fe2O3", 6.9 * jitter, 0.2),
                        analyte("MgO", 1.4, 0.05),
                        analyte("Na2O", 0.6, 0.03),
                        analyte("K2O", 1.9, 0.05),
                        analyte("TiO2", 1.3, 0.04),
                        analyte("P2O5", 0.3, 0.02),
                        belowDetection("MnO", 0.02)))
                .setLossOnIgnitionWtPct(2.5)
                .setCalibrationId("cal-2026-11")
                .build();
    }

    private static AnalyteReading analyte(String name, double wtPct, double sigmaWtPct) {
        return AnalyteReading.newBuilder().setAnalyte(name).setValueInBasisUnit(wtPct).setSigma1InBasisUnit(sigmaWtPct).build();
    }

    private static AnalyteReading belowDetection(String name, double limitWtPct) {
        return AnalyteReading.newBuilder().setAnalyte(name).setBelowDetection(true).setDetectionLimitInBasisUnit(limitWtPct).build();
    }
}
