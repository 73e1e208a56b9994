package io.reescreen.model.synthetic;

import io.reescreen.model.units.MajorOxide;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Song et al. (2024) Table 1: percentiles, mean and standard deviation over the 99 EPRI/NETL ashes, oxides in
 * mol %, total REE in ppm mol (transcribed in shared/design/METHOD.md). Published statistics, not data: the
 * generator is built on these so it works without shared/data.
 */
public final class PaperTable1 {

    /**
     * One row of the table.
     *
     * @param p0   minimum
     * @param p20  20th percentile
     * @param p50  median
     * @param p80  80th percentile
     * @param p100 maximum
     * @param mean mean
     * @param sd   standard deviation
     */
    public record Row(double p0, double p20, double p50, double p80, double p100, double mean, double sd) {
    }

    private static final Map<MajorOxide, Row> OXIDES_MOL_PCT;

    static {
        EnumMap<MajorOxide, Row> rows = new EnumMap<>(MajorOxide.class);
        rows.put(MajorOxide.SIO2, new Row(33.3, 44.4, 63.0, 67.9, 79.3, 58.1, 11.6));
        rows.put(MajorOxide.AL2O3, new Row(8.0, 10.9, 13.7, 18.5, 21.3, 14.3, 3.7));
        rows.put(MajorOxide.CAO, new Row(1.2, 2.1, 6.0, 27.2, 37.7, 13.7, 12.5));
        rows.put(MajorOxide.FE2O3, new Row(1.5, 2.6, 4.9, 8.2, 12.8, 5.5, 3.0));
        rows.put(MajorOxide.MGO, new Row(0.6, 2.1, 2.7, 7.4, 14.1, 4.5, 3.0));
        rows.put(MajorOxide.NA2O, new Row(0.2, 0.3, 0.7, 1.3, 13.3, 1.0, 1.4));
        rows.put(MajorOxide.K2O, new Row(0.1, 0.4, 1.2, 1.7, 2.3, 1.1, 0.6));
        rows.put(MajorOxide.TIO2, new Row(0.5, 0.9, 1.1, 1.3, 2.6, 1.1, 0.3));
        rows.put(MajorOxide.P2O5, new Row(0.0, 0.1, 0.2, 0.4, 0.9, 0.2, 0.2));
        rows.put(MajorOxide.MNO, new Row(0.0, 0.0, 0.0, 0.0, 0.8, 0.1, 0.1));
        OXIDES_MOL_PCT = Collections.unmodifiableMap(rows);
    }

    /** Total REE, ppm mol. */
    public static final Row TOTAL_REE_PPM_MOL = new Row(80, 117, 157, 246, 293, 170, 60);

    /** The ten oxides' sum ranges over 98.3–99.9 mol % (the rest is SO3 and minor oxides). */
    public static final double MIN_SUM_MOL_PCT = 98.3;
    public static final double MAX_SUM_MOL_PCT = 99.9;

    private PaperTable1() {
    }

    /** The row of {@code oxide}, mol %. */
    public static Row oxideMolPct(MajorOxide oxide) {
        return OXIDES_MOL_PCT.get(oxide);
    }
}
