package io.reescreen.simulator.lab;

import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;
import io.reescreen.schemas.LabResult;
import io.reescreen.simulator.SimulatedLot;

import java.util.Objects;
import java.util.Optional;

/**
 * One simulated lab result with its answer key: the record as published, the lot actually analysed, whether and
 * how the result was made bad, and, for a good one, what the lab "really" measured before noise: the lot's true REE
 * times its site's offset. A retrainer that learns from these results should end up near {@link #expectedPpmMol()},
 * not near the lot's synthetic truth.
 */
public final class SimulatedLabResult {

    private final LabResult labResult;
    private final SimulatedLot lot;
    private final BadLabResultKind badKind;
    private final double siteOffset;
    private final ReeOxidePpmMol expectedPpmMol;

    private SimulatedLabResult(LabResult labResult, SimulatedLot lot, BadLabResultKind badKind, double siteOffset,
                               ReeOxidePpmMol expectedPpmMol) {
        this.labResult = Objects.requireNonNull(labResult, "labResult");
        this.lot = Objects.requireNonNull(lot, "lot");
        this.badKind = badKind;
        this.siteOffset = siteOffset;
        this.expectedPpmMol = expectedPpmMol;
    }

    static SimulatedLabResult good(LabResult labResult, SimulatedLot lot, double siteOffset,
                                   ReeOxidePpmMol expectedPpmMol) {
        return new SimulatedLabResult(labResult, lot, null, siteOffset,
                Objects.requireNonNull(expectedPpmMol, "expectedPpmMol"));
    }

    static SimulatedLabResult bad(LabResult labResult, SimulatedLot lot, BadLabResultKind kind, double siteOffset) {
        return new SimulatedLabResult(labResult, lot, Objects.requireNonNull(kind, "kind"), siteOffset, null);
    }

    /** The record as published on {@code lab.results}. */
    public LabResult labResult() {
        return labResult;
    }

    public String labResultId() {
        return labResult.getLabResultId();
    }

    /** The record key: the lot id the result claims (for {@link BadLabResultKind#UNKNOWN_LOT}, one never published). */
    public String lotId() {
        return labResult.getLotId();
    }

    /** The claimed lot's site; null for {@link BadLabResultKind#UNKNOWN_LOT}, whose lot does not exist. */
    public String siteId() {
        return badKind == BadLabResultKind.UNKNOWN_LOT ? null : lot.siteId();
    }

    /** The lot whose sample the lab actually analysed (for UNKNOWN_LOT, the one behind the mistyped id). */
    public SimulatedLot lot() {
        return lot;
    }

    public boolean isGood() {
        return badKind == null;
    }

    /** How the result was made bad; empty for a good one. */
    public Optional<BadLabResultKind> badKind() {
        return Optional.ofNullable(badKind);
    }

    /** The offset factor of the analysed lot's site. */
    public double siteOffset() {
        return siteOffset;
    }

    /**
     * For a good result: the 16 REE oxides the lab measured before noise, ppm mol of the oxide in the ash, i.e. the
     * lot's true REE × {@link #siteOffset()}. Empty for a bad result.
     */
    public Optional<ReeOxidePpmMol> expectedPpmMol() {
        return Optional.ofNullable(expectedPpmMol);
    }

    /** For a good result, one oxide of {@link #expectedPpmMol()}. */
    public double expectedPpmMol(ReeOxide oxide) {
        return expectedPpmMol().orElseThrow(() -> new IllegalStateException(
                "a bad lab result (" + badKind + ") has no expected values")).ppmMol(oxide);
    }

    /** For a good result, the total of {@link #expectedPpmMol()}: true total REE × site offset, ppm mol. */
    public double expectedTotalPpmMol() {
        return expectedPpmMol().orElseThrow(() -> new IllegalStateException(
                "a bad lab result (" + badKind + ") has no expected values")).sumPpmMol();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulatedLabResult other && labResult.equals(other.labResult) && lot.equals(other.lot)
                && badKind == other.badKind && siteOffset == other.siteOffset
                && Objects.equals(expectedPpmMol, other.expectedPpmMol);
    }

    @Override
    public int hashCode() {
        return labResult.getLabResultId().hashCode();
    }

    @Override
    public String toString() {
        return "SimulatedLabResult{" + (badKind == null ? "good" : badKind.name()) + ", " + labResult + "}";
    }
}
