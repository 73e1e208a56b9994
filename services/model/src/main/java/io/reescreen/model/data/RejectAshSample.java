package io.reescreen.model.data;

import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReeElementPpm;

import java.util.Objects;

/**
 * One ashed coal-reject sample as a lab reported it: an incomplete wt% oxide reading (four-acid digestion loses
 * Si, so SiO2 is absent) and REE as element ppm. Kept in the lab's units; turning it into the paper's
 * representation needs a {@link io.reescreen.model.units.ReadingPolicy} decision about SiO2.
 *
 * @param sampleId         the lab's sample id
 * @param majors           the oxides reported, wt% of ash
 * @param ree              the 16 REE, ppm (mg/kg) of ash
 * @param seam             coal seam
 * @param fraction         preparation fraction (coarse / fine reject)
 * @param ashYieldAdPct    ash yield of the reject, air-dried basis, wt%
 */
public record RejectAshSample(String sampleId, OxideWtPctReading majors, ReeElementPpm ree, String seam,
                              String fraction, double ashYieldAdPct) {

    public RejectAshSample {
        Objects.requireNonNull(sampleId, "sampleId");
        Objects.requireNonNull(majors, "majors");
        Objects.requireNonNull(ree, "ree");
        Objects.requireNonNull(seam, "seam");
        Objects.requireNonNull(fraction, "fraction");
    }
}
