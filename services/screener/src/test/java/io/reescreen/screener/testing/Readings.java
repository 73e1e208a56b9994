package io.reescreen.screener.testing;

import io.reescreen.model.units.MajorElementUnits;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.schemas.AnalyteReading;
import io.reescreen.schemas.CompositionBasis;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.XrfReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** XRF readings for tests: a typical fly ash, in oxide wt % or element ppm, with 2 % relative sigmas. */
public final class Readings {

    /** When the test shots were taken; the drivers' wall clock starts later. */
    public static final Instant SAMPLED = Instant.parse("2025-06-01T08:00:00Z");
    public static final double RELATIVE_SIGMA = 0.02;

    private Readings() {
    }

    /** A Class F fly ash, wt % (sums to ~95; LOI and SO3 make up the rest). */
    public static Map<MajorOxide, Double> typicalWtPct() {
        Map<MajorOxide, Double> m = new EnumMap<>(MajorOxide.class);
        m.put(MajorOxide.SIO2, 52.0);
        m.put(MajorOxide.AL2O3, 24.0);
        m.put(MajorOxide.CAO, 5.0);
        m.put(MajorOxide.FE2O3, 8.0);
        m.put(MajorOxide.MGO, 1.5);
        m.put(MajorOxide.NA2O, 0.8);
        m.put(MajorOxide.K2O, 2.2);
        m.put(MajorOxide.TIO2, 1.2);
        m.put(MajorOxide.P2O5, 0.3);
        m.put(MajorOxide.MNO, 0.05);
        return m;
    }

    /** A Class C (high-calcium) fly ash, wt %. */
    public static Map<MajorOxide, Double> highCalciumWtPct() {
        Map<MajorOxide, Double> m = new EnumMap<>(MajorOxide.class);
        m.put(MajorOxide.SIO2, 35.0);
        m.put(MajorOxide.AL2O3, 16.0);
        m.put(MajorOxide.CAO, 27.0);
        m.put(MajorOxide.FE2O3, 6.0);
        m.put(MajorOxide.MGO, 5.5);
        m.put(MajorOxide.NA2O, 1.6);
        m.put(MajorOxide.K2O, 0.5);
        m.put(MajorOxide.TIO2, 1.3);
        m.put(MajorOxide.P2O5, 0.9);
        m.put(MajorOxide.MNO, 0.04);
        return m;
    }

    /** An ash reading in oxide wt %, every value with a 2 % sigma. */
    public static XrfReading.Builder oxides(String lotId, String readingId, Map<MajorOxide, Double> wtPct) {
        List<AnalyteReading> analytes = new ArrayList<>();
        wtPct.forEach((o, v) -> analytes.add(analyte(o.formula(), v, v * RELATIVE_SIGMA)));
        return base(lotId, readingId).setBasis(CompositionBasis.OXIDE_WT_PCT).setAnalytes(analytes);
    }

    /** The same composition as element ppm (mg/kg of the cation), sigmas converted alike. */
    public static XrfReading.Builder elements(String lotId, String readingId, Map<MajorOxide, Double> wtPct) {
        List<AnalyteReading> analytes = new ArrayList<>();
        wtPct.forEach((o, v) -> {
            double ppm = MajorElementUnits.elementPpmFromOxideWtPct(o, v);
            analytes.add(analyte(o.cation().symbol(), ppm, ppm * RELATIVE_SIGMA));
        });
        return base(lotId, readingId).setBasis(CompositionBasis.ELEMENT_PPM).setAnalytes(analytes);
    }

    public static AnalyteReading analyte(String name, Double value, Double sigma) {
        return AnalyteReading.newBuilder().setAnalyte(name).setValueInBasisUnit(value).setSigma1InBasisUnit(sigma).build();
    }

    public static Map<MajorOxide, Double> without(Map<MajorOxide, Double> wtPct, MajorOxide oxide) {
        Map<MajorOxide, Double> m = new EnumMap<>(wtPct);
        m.remove(oxide);
        return m;
    }

    private static XrfReading.Builder base(String lotId, String readingId) {
        return XrfReading.newBuilder()
                .setReadingId(readingId)
                .setAnalyzerId("XRF-7")
                .setLotId(lotId)
                .setSampledAt(SAMPLED)
                .setMaterialBasis(MaterialBasis.ASH);
    }
}
