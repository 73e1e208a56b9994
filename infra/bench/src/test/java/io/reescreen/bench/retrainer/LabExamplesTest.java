package io.reescreen.bench.retrainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.bench.BenchData;
import io.reescreen.bench.retrainer.LabExamples.CompositionForm;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.LabelledSample;
import io.reescreen.model.data.ReeTargetsPpmMol;
import io.reescreen.model.data.SampleOrigin;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxide;
import io.reescreen.model.units.ReeOxidePpmMol;
import io.reescreen.retrainer.training.ExampleDataset;
import io.reescreen.schemas.LabConcentrationUnit;
import io.reescreen.schemas.LabResult;
import io.reescreen.schemas.ReeTarget;
import io.reescreen.schemas.TrainingExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LabExamplesTest {

    private static final double TINY = 1e-12;

    /** A made-up fly-ash-like lot (not a row of the shared data): majors in mol %, REE oxides in ppm mol. */
    private static LabelledSample madeUpLot() {
        double[] majors = {64.0, 19.5, 4.5, 3.0, 4.4, 1.0, 2.2, 1.05, 0.25, 0.08}; // sums to 99.98
        double[] ree = {60.0, 1.9, 1.0, 1.1, 2.1, 0.4, 15.5, 0.15, 13.5, 3.6, 22.0, 2.7, 0.35, 0.17, 0.95, 20.0};
        return new LabelledSample("T1", OxideMolPct.ofPaperOrder(majors),
                ReeTargetsPpmMol.summing(ReeOxidePpmMol.ofPaperOrder(ree)), SampleOrigin.MEASURED);
    }

    @Test
    void labResultCarriesElementMassPpmLikeAnIcpMsLab() {
        LabResult lab = LabExamples.labResult(madeUpLot());
        assertEquals(16, lab.getValues().size());
        assertTrue(lab.getValues().stream().allMatch(v -> v.getUnit() == LabConcentrationUnit.PPM_MASS_ELEMENT));
        // La2O3 at 15.5 ppm mol in an ash of ~71.4 g/mol is 15.5 * 2 * 138.9 / 71.4 ≈ 60 mg/kg of La.
        double la = lab.getValues().stream().filter(v -> v.getElement().name().equals("La")).findFirst().orElseThrow()
                .getValueInUnit();
        assertTrue(la > 45 && la < 70, "La mg/kg " + la);
    }

    @Test
    void asPublishedRowComesBackFromTheExampleDataset() {
        LabelledSample row = madeUpLot();
        TrainingExample example = LabExamples.example(row, 3, CompositionForm.AS_PUBLISHED);
        assertEquals(17, example.getTargets().size());
        assertEquals(ReeTarget.TOTAL_REE, example.getTargets().get(0).getTarget());
        assertEquals(3L, example.getLabResultOffset());

        LabelledSample back = ExampleDataset.of("one", List.of(example)).get(0);
        for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
            assertEquals(row.oxides().molPct(oxide), back.oxides().molPct(oxide), TINY, oxide.formula());
        }
        assertRelative(row.totalReePpmMol(), back.totalReePpmMol(), "total REE");
        assertRelative(row.totalReePpmMol(), example.getTargets().get(0).getValuePpmMol(), "TOTAL_REE on the record");
        for (ReeOxide oxide : ReeOxide.PAPER_ORDER) {
            assertRelative(row.targets().oxides().ppmMol(oxide), back.targets().oxides().ppmMol(oxide), oxide.formula());
        }
    }

    @Test
    void renormalisedCompositionSumsToHundredAndKeepsTheRee() {
        LabelledSample row = madeUpLot();
        LabelledSample back = ExampleDataset.of("one", List.of(LabExamples.example(row, 0, CompositionForm.RENORMALISED))).get(0);
        assertEquals(100.0, back.oxides().sumMolPct(), TINY);
        double scale = 100.0 / row.oxides().sumMolPct();
        for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
            assertEquals(row.oxides().molPct(oxide) * scale, back.oxides().molPct(oxide), TINY, oxide.formula());
        }
        // The mean molar mass, hence ppm mol from mg/kg, does not depend on the scale of the composition.
        assertRelative(row.totalReePpmMol(), back.totalReePpmMol(), "total REE");
    }

    @Test
    void everyPolishRowRoundTripsWhenTheSharedDataIsThere() throws Exception {
        Optional<Path> dir = sharedData();
        Assumptions.assumeTrue(dir.isPresent(), "shared data folder not found (set REESCREEN_DATA_DIR)");
        Dataset franus = new BenchData(dir.get()).read(BenchData.FRANUS);
        int[] rows = TransferThroughRetrainer.allRows(franus.size());
        Dataset back = ExampleDataset.of("franus", LabExamples.examples(franus, rows, CompositionForm.AS_PUBLISHED));
        assertEquals(franus.size(), back.size());
        for (int i = 0; i < franus.size(); i++) {
            LabelledSample expected = franus.get(i);
            LabelledSample actual = back.get(i);
            for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
                assertEquals(expected.oxides().molPct(oxide), actual.oxides().molPct(oxide), TINY, expected.sampleId());
            }
            assertRelative(expected.totalReePpmMol(), actual.totalReePpmMol(), "total REE of " + expected.sampleId());
        }
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-10 * Math.abs(expected), what);
    }

    private static Optional<Path> sharedData() {
        String env = System.getenv("REESCREEN_DATA_DIR");
        for (Path candidate : new Path[] {env == null ? null : Path.of(env), Path.of("../../../shared/data"),
                Path.of("../shared/data")}) {
            if (candidate != null && Files.isRegularFile(candidate.resolve(BenchData.FRANUS))) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
