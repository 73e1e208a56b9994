package io.reescreen.simulator;

import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.CoalRank;
import io.reescreen.schemas.LotInfo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A lot of ash in a yard with its true (SYNTHETIC) chemistry: what every shot on it scatters around, and what
 * the lab would eventually find. The truth comes from {@link io.reescreen.model.synthetic.SyntheticAshGenerator},
 * built from published statistics, never from measurements; {@link #syntheticSampleId()} ("SYN-...") says which
 * generated sample it is.
 *
 * @param lotId             key on every topic
 * @param siteId            the yard or impoundment
 * @param syntheticSampleId the generator's sample id, always starting "SYN-"
 * @param trueMolPct        the ten major oxides, mol %, as generated (sums to 98.3–99.9 like the paper's rows)
 * @param trueWtPct         the same composition in wt % of the oxides, the ten summing to 100: what a perfect
 *                          analyzer reports (loss on ignition and minor oxides are not simulated)
 * @param trueRee           total REE and the 16 REE oxides, ppm mol
 * @param ashOrigin         metadata for {@link LotInfo}; drawn independently of the composition
 * @param coalRank          metadata, as above
 * @param basin             metadata, as above
 * @param boilerType        metadata, as above
 * @param reeRich           whether total REE is at or above the lot mix's threshold
 */
public record SimulatedLot(String lotId, String siteId, String syntheticSampleId, OxideMolPct trueMolPct,
                           OxideWtPct trueWtPct, ReeTargetsPpmMol trueRee, AshOrigin ashOrigin, CoalRank coalRank,
                           String basin, String boilerType, boolean reeRich) {

    public SimulatedLot {
        Objects.requireNonNull(lotId, "lotId");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(syntheticSampleId, "syntheticSampleId");
        Objects.requireNonNull(trueMolPct, "trueMolPct");
        Objects.requireNonNull(trueWtPct, "trueWtPct");
        Objects.requireNonNull(trueRee, "trueRee");
        Objects.requireNonNull(ashOrigin, "ashOrigin");
        Objects.requireNonNull(coalRank, "coalRank");
    }

    /** True total REE, ppm mol (the paper's target unit). */
    public double trueTotalReePpmMol() {
        return trueRee.totalReePpmMol();
    }

    /** True content of one major oxide, wt %. */
    public double trueWtPct(MajorOxide oxide) {
        return trueWtPct.wtPct(oxide);
    }

    /** The metadata record for the {@code lots} topic. */
    public LotInfo toLotInfo(Instant updatedAt) {
        return LotInfo.newBuilder()
                .setLotId(lotId)
                .setSiteId(siteId)
                .setAshOrigin(ashOrigin)
                .setCoalRank(coalRank)
                .setBasin(basin)
                .setBoilerType(boilerType)
                // timestamp-millis: finer precision would not survive the round trip
                .setUpdatedAt(updatedAt.truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
