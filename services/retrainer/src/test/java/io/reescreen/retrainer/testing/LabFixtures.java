package io.reescreen.retrainer.testing;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeUnits;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.CoalRank;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.LabMethod;
import io.reescreen.schemas.LabReeValue;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.RareEarthElement;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.ReeTargetValue;
import io.reescreen.schemas.TrainingExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Lots, compositions and lab results for the join tests, with known true REE in ppm mol. */
public final class LabFixtures {

    public static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    /** A fly-ash composition, mol % of the ten majors (sums to 100). */
    public static final Map<MajorOxide, Double> ASH_MOL_PCT = Map.of(
            MajorOxide.SIO2, 58.0, MajorOxide.AL2O3, 16.0, MajorOxide.CAO, 9.0, MajorOxide.FE2O3, 5.0,
            MajorOxide.MGO, 4.0, MajorOxide.NA2O, 2.0, MajorOxide.K2O, 2.5, MajorOxide.TIO2, 1.5,
            MajorOxide.P2O5, 1.2, MajorOxide.MNO, 0.8);

    private LabFixtures() {
    }

    public static OxideMolPct ash() {
        return OxideMolPct.of(new EnumMap<>(ASH_MOL_PCT));
    }

    /** True REE: 10 ppm mol for the first oxide of the paper's order, then one more per oxide. */
    public static Map<ReeOxide, Double> truePpmMol() {
        Map<ReeOxide, Double> m = new EnumMap<>(ReeOxide.class);
        int i = 0;
        for (ReeOxide o : ReeOxide.PAPER_ORDER) {
            m.put(o, 10.0 + i++);
        }
        return m;
    }

    /** What the screener served for a lot: only the total-REE estimate, ppm mol of the oxides in the ash. */
    public static io.reescreen.schemas.ReePrediction prediction(String lotId, double meanPpmMol, double p05PpmMol,
                                                                double p95PpmMol) {
        return io.reescreen.schemas.ReePrediction.newBuilder().setLotId(lotId).setPredictedAt(T0).setModelName("ree-mtnn")
                .setModelVersion("served-1").setReadingCount(5)
                .setOutputs(List.of(io.reescreen.schemas.ReeEstimate.newBuilder().setTarget(ReeTarget.TOTAL_REE)
                        .setMeanPpmMol(meanPpmMol).setStdPpmMol((p95PpmMol - p05PpmMol) / 3.29)
                        .setP05PpmMol(p05PpmMol).setP95PpmMol(p95PpmMol).build()))
                .setThresholdTotalReePpmMol(300).setProbTotalAtOrAboveThreshold(0.5).setOutOfDomain(false)
                .setDomainDistanceMahalanobis(1).setAttributionBaselinePpmMol(meanPpmMol).setEnsembleMembers(2)
                .setNoiseSamples(1).build();
    }

    /** {@link #labInPpmMol} with every value times {@code factor}. */
    public static LabResult.Builder labInPpmMolTimes(String labResultId, String lotId, double factor) {
        List<LabReeValue> values = new ArrayList<>();
        truePpmMol().forEach((o, v) -> values.add(value(o, LabConcentrationUnit.PPM_MOL_OXIDE, v * factor)));
        return base(labResultId, lotId).setValues(values);
    }

    public static LotInfo lot(String lotId, String siteId) {
        return LotInfo.newBuilder().setLotId(lotId).setSiteId(siteId).setAshOrigin(AshOrigin.FLY_ASH)
                .setCoalRank(CoalRank.values()[0]).setUpdatedAt(T0).build();
    }

    public static LotComposition composition(String lotId, int shots) {
        List<io.reescreen.schemas.OxideMolPct> oxides = new ArrayList<>();
        ASH_MOL_PCT.forEach((o, v) -> oxides.add(io.reescreen.schemas.OxideMolPct.newBuilder()
                .setOxide(io.reescreen.schemas.MajorOxide.valueOf(o.formula())).setMeanMolPct(v).setSpreadMolPct(0.1)
                .setStandardErrorMolPct(0.05).setByDifference(false).build()));
        return LotComposition.newBuilder().setLotId(lotId).setSiteId("SITE-" + lotId).setShotCount(shots)
                .setAnalyzerIds(List.of("XRF-1")).setOxides(oxides).setFirstSampledAt(T0).setLastSampledAt(T0)
                .setLastReadingId("R-" + shots).setUpdatedAt(T0.plusSeconds(shots)).build();
    }

    /** The true REE of {@link #truePpmMol()} as a lab reports them: element mg/kg of the ash. */
    public static LabResult.Builder labInElementPpm(String labResultId, String lotId) {
        List<LabReeValue> values = new ArrayList<>();
        for (Map.Entry<ReeOxide, Double> e : truePpmMol().entrySet()) {
            double ppm = ReeUnits.elementPpmFromOxidePpmMol(e.getKey(), e.getValue(), ash());
            values.add(value(e.getKey(), LabConcentrationUnit.PPM_MASS_ELEMENT, ppm));
        }
        return base(labResultId, lotId).setValues(values);
    }

    public static LabResult.Builder labInPpmMol(String labResultId, String lotId) {
        List<LabReeValue> values = new ArrayList<>();
        truePpmMol().forEach((o, v) -> values.add(value(o, LabConcentrationUnit.PPM_MOL_OXIDE, v)));
        return base(labResultId, lotId).setValues(values);
    }

    public static LabReeValue value(ReeOxide oxide, LabConcentrationUnit unit, Double v) {
        return LabReeValue.newBuilder().setElement(RareEarthElement.valueOf(oxide.element().symbol())).setUnit(unit)
                .setValueInUnit(v).setSigma1InUnit(v == null ? null : Math.abs(v) * 0.04).setBelowDetection(false).build();
    }

    private static LabResult.Builder base(String labResultId, String lotId) {
        return LabResult.newBuilder().setLabResultId(labResultId).setLotId(lotId).setLabId("LAB-1")
                .setMethod(LabMethod.ICP_MS).setReportedAt(T0.plusSeconds(3 * 86_400)).setMaterialBasis(MaterialBasis.ASH);
    }

    /**
     * Examples as the join writes them, one per row of {@code data}, every REE value scaled by {@code factor} (a site
     * offset); ids are {@code prefix-<sampleId>}, lineage offsets the row numbers.
     */
    public static List<TrainingExample> examples(String prefix, Dataset data, double factor, Instant at) {
        List<TrainingExample> out = new ArrayList<>();
        int i = 0;
        for (LabelledSample s : data.samples()) {
            List<io.reescreen.schemas.OxideMolPct> composition = new ArrayList<>();
            for (MajorOxide o : MajorOxide.values()) {
                composition.add(io.reescreen.schemas.OxideMolPct.newBuilder()
                        .setOxide(io.reescreen.schemas.MajorOxide.valueOf(o.formula())).setMeanMolPct(s.oxides().molPct(o))
                        .setSpreadMolPct(0).setStandardErrorMolPct(0).setByDifference(false).build());
            }
            List<ReeTargetValue> targets = new ArrayList<>();
            targets.add(new ReeTargetValue(ReeTarget.TOTAL_REE, factor * s.totalReePpmMol()));
            for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
                targets.add(new ReeTargetValue(ReeTarget.valueOf(oxide.element().symbol()),
                        factor * s.targets().oxides().ppmMol(oxide)));
            }
            String id = prefix + "-" + s.sampleId();
            out.add(TrainingExample.newBuilder().setExampleId("LAB-" + id).setLotId("L-" + id).setLabResultId("LAB-" + id)
                    .setComposition(composition).setShotCount(10).setTargets(targets).setLabResultPartition(i % 3)
                    .setLabResultOffset(i++).setCompositionUpdatedAt(at).setCreatedAt(at).build());
        }
        return out;
    }
}
