package io.reescreen.bench.retrainer;

import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeUnits;
import io.reescreen.retrainer.examples.ExampleOutput;
import io.reescreen.retrainer.examples.LabResultRejected;
import io.reescreen.retrainer.examples.LabTargets;
import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.LabMethod;
import io.reescreen.schemas.LabReeValue;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.MaterialBasis;
import io.reescreen.schemas.OxideMolPct;
import io.reescreen.schemas.TrainingExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns published rows (oxides in mol %, REE oxides in ppm mol) into what the retrainer receives from Kafka: a
 * {@code lot.compositions} record and an ICP-MS {@code lab.results} record per lot, joined into a
 * {@code training.examples} record by the retrainer's own unit conversion ({@link LabTargets#of}).
 *
 * <p>The lab result reports the 16 elements in mg/kg of ash ({@code PPM_MASS_ELEMENT}, what ICP-MS labs send),
 * computed from the published ppm mol with the model library's {@link ReeUnits}; {@code LabTargets} converts them
 * back with the lot composition's mean molar mass, as the live join does.
 *
 * <p>The example is built by the join's own {@link ExampleOutput#example}, then goes through Avro's binary encoding
 * and back, as it would through the topic.
 */
public final class LabExamples {

    /** How the composition is put on {@code lot.compositions}. */
    public enum CompositionForm {
        /** Renormalised to 100 mol % over the ten majors, as the screener's aggregation publishes it (schema doc). */
        RENORMALISED,
        /** The published row as it is (rows of the paper's tables sum to ~99.98–100 mol %). */
        AS_PUBLISHED
    }

    /** The site every example names. */
    public static final String SITE_ID = "PL-franus-2015";

    private static final Instant AT = Instant.parse("2015-01-01T00:00:00Z");

    private LabExamples() {
    }

    /** The examples of {@code rows} of {@code site}, in that order; lineage offsets are the row numbers. */
    public static List<TrainingExample> examples(Dataset site, int[] rows, CompositionForm form) {
        List<TrainingExample> out = new ArrayList<>(rows.length);
        for (int row : rows) {
            out.add(example(site.get(row), row, form));
        }
        return out;
    }

    /** One row as the retrainer's join turns it into an example, after a round trip through Avro bytes. */
    public static TrainingExample example(LabelledSample row, long offset, CompositionForm form) {
        LotComposition composition = composition(row, form);
        LabResult lab = labResult(row);
        ReeTargetsPpmMol targets;
        try {
            targets = LabTargets.of(lab, composition);
        } catch (LabResultRejected e) {
            throw new IllegalArgumentException("lot " + lab.getLotId() + ": the retrainer would dead-letter its lab result ("
                    + e.reason() + "): " + e.getMessage(), e);
        }
        TrainingExample built = ExampleOutput.example(lab, composition, null, targets, 0, offset, AT.toEpochMilli());
        try {
            return TrainingExample.fromByteBuffer(built.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lot's composition record: one shot, the ten majors in mol %. */
    public static LotComposition composition(LabelledSample row, CompositionForm form) {
        io.reescreen.model.units.OxideMolPct oxides = form == CompositionForm.RENORMALISED
                ? row.oxides().renormalised() : row.oxides();
        List<OxideMolPct> values = new ArrayList<>(MajorOxide.COUNT);
        for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
            values.add(OxideMolPct.newBuilder()
                    .setOxide(SchemaEnums.oxide(oxide))
                    .setMeanMolPct(oxides.molPct(oxide))
                    .setSpreadMolPct(0.0)
                    .setStandardErrorMolPct(0.0)
                    .setByDifference(false)
                    .build());
        }
        return LotComposition.newBuilder()
                .setLotId(lotId(row))
                .setSiteId(SITE_ID)
                .setAshOrigin(AshOrigin.FLY_ASH)
                .setShotCount(1)
                .setAnalyzerIds(List.of("published-table"))
                .setOxides(values)
                .setFirstSampledAt(AT)
                .setLastSampledAt(AT)
                .setLastReadingId(lotId(row) + "-reading-1")
                .setUpdatedAt(AT)
                .build();
    }

    /** The lot's ICP-MS result: the 16 elements in mg/kg of ash, from the published ppm mol. */
    public static LabResult labResult(LabelledSample row) {
        List<LabReeValue> values = new ArrayList<>(ReeOxide.COUNT);
        for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
            double elementPpm = ReeUnits.elementPpmFromOxidePpmMol(oxide, row.targets().oxides().ppmMol(oxide), row.oxides());
            values.add(LabReeValue.newBuilder()
                    .setElement(SchemaEnums.element(oxide))
                    .setUnit(LabConcentrationUnit.PPM_MASS_ELEMENT)
                    .setValueInUnit(elementPpm)
                    .setSigma1InUnit(null)
                    .setBelowDetection(false)
                    .build());
        }
        return LabResult.newBuilder()
                .setLabResultId("lab-" + lotId(row))
                .setLotId(lotId(row))
                .setLabId("franus-2015")
                .setMethod(LabMethod.ICP_MS)
                .setReportedAt(AT)
                .setMaterialBasis(MaterialBasis.ASH)
                .setAshYieldWtPct(null)
                .setCalcinationTemperatureCelsius(null)
                .setValues(values)
                .build();
    }

    static String lotId(LabelledSample row) {
        return "franus-S" + Objects.requireNonNull(row.sampleId(), "sampleId");
    }
}
