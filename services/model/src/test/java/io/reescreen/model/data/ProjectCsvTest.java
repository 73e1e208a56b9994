package io.reescreen.model.data;

import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.ReeOxidePpmMol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectCsvTest {

    private static final double[] ROW = {44.8, 14.36, 26.88, 2.5, 7.41, 1.53, 0.46, 1.19, 0.44, 0.03};
    private static final double[] REE = {58.62, 2.02, 1.1, 1.21, 2.29, 0.37, 16.44, 0.14, 12.6, 3.44, 21.52, 2.31,
        0.33, 0.14, 0.94, 18.64};

    private static String write(Dataset d) throws IOException {
        StringWriter w = new StringWriter();
        ProjectCsv.write(d, w);
        return w.toString();
    }

    private static ReadResult<Dataset> read(String text) throws IOException {
        return ProjectCsv.read(new StringReader(text), "inline", ReadMode.LENIENT);
    }

    private static void assertSameSamples(Dataset expected, Dataset actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            LabelledSample a = expected.get(i);
            LabelledSample b = actual.get(i);
            assertEquals(a.sampleId(), b.sampleId());
            assertEquals(a.origin(), b.origin());
            assertArrayEquals(a.oxides().toArrayMolPct(), b.oxides().toArrayMolPct(), 0.0, "exact round trip");
            assertArrayEquals(a.targets().toArrayPpmMol(), b.targets().toArrayPpmMol(), 0.0);
            assertEquals(a.extras(), b.extras());
            assertEquals(a.oxides().hasUncertainty(), b.oxides().hasUncertainty());
            if (a.oxides().hasUncertainty()) {
                for (MajorOxide o : MajorOxide.values()) {
                    assertEquals(a.oxides().sigmaMolPct(o), b.oxides().sigmaMolPct(o), 0.0);
                }
            }
        }
    }

    @Test
    void syntheticDataRoundTripsExactlyAndIsLabelledInTheFile(@TempDir Path dir) throws IOException {
        Dataset synthetic = new SyntheticAshGenerator(SyntheticSpec.withSeed(5)).generate(200);
        Path file = dir.resolve("synthetic.csv");
        ProjectCsv.write(synthetic, file);
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(2).startsWith("# WARNING: NOT LAB MEASUREMENTS: contains synthetic rows"), lines.get(2));
        assertTrue(lines.get(3).startsWith("# SYNTHETIC"), lines.get(3));
        assertTrue(lines.get(5).startsWith("SYN-seed5-000001,synthetic,"), lines.get(5));

        Dataset back = ProjectCsv.read(file, ReadMode.STRICT).value();
        assertSameSamples(synthetic, back);
        assertEquals(synthetic.name(), back.name());
        assertEquals(synthetic.notes(), back.notes());
        assertEquals(write(synthetic), write(back), "writing what was read gives the same file");
    }

    @Test
    void sigmaAndExtraColumnsRoundTrip() throws IOException {
        List<LabelledSample> samples = new ArrayList<>();
        samples.add(new LabelledSample("with-sigma", OxideMolPct.ofPaperOrder(ROW, new double[] {0.9, 0.3, 0.5,
            0.05, 0.15, 0.03, 0.01, 0.02, 0.01, 0.001}), ReeTargetsPpmMol.summing(ReeOxidePpmMol.ofPaperOrder(REE)),
                SampleOrigin.MEASURED, Map.of("teacher_total_std_ppm_mol", 7.25, "residual_ppm_mol", -3.5)));
        samples.add(new LabelledSample("no-sigma, quoted", OxideMolPct.ofPaperOrder(ROW),
                new ReeTargetsPpmMol(150.0, ReeOxidePpmMol.ofPaperOrder(REE)), SampleOrigin.TEACHER_LABELLED));
        Dataset d = new Dataset("mixed", List.of("a note"), samples);
        String text = write(d);
        assertTrue(text.contains("SiO2_mol_pct_sd"), text);
        assertTrue(text.contains("\"no-sigma, quoted\""), text);
        assertTrue(text.contains("WARNING: NOT LAB MEASUREMENTS: contains teacher_labelled rows"), text);
        ReadResult<Dataset> back = read(text);
        assertTrue(back.isClean(), back.problems().toString());
        assertSameSamples(d, back.value());
    }

    @Test
    void measuredDataCarriesNoWarning() throws IOException {
        Dataset d = new Dataset("real", List.of(), List.of(new LabelledSample("r1", OxideMolPct.ofPaperOrder(ROW),
                ReeTargetsPpmMol.summing(ReeOxidePpmMol.ofPaperOrder(REE)), SampleOrigin.MEASURED)));
        String text = write(d);
        assertFalse(text.contains("WARNING"), text);
        assertFalse(text.contains("_sd"), text);
        assertTrue(text.contains("sample_id,origin,SiO2_mol_pct,Al2O3_mol_pct"), text);
        assertTrue(text.contains("total_ree_ppm_mol,CeO2_ppm_mol,Dy2O3_ppm_mol"), text);
    }

    @Test
    void headerProblemsAreAllReported() {
        String header = String.join(",", ProjectCsv.requiredColumns()).replace(",CaO_mol_pct", "")
                + ",SiO2_mol_pct_sd,loi,moisture_wt_pct\n";
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> read(header));
        String m = e.getMessage();
        assertEquals(3, e.problems().size(), m);
        assertTrue(m.contains("missing column 'CaO_mol_pct'"), m);
        assertTrue(m.contains("must cover all ten oxides"), m);
        assertTrue(m.contains("'loi' does not end in a unit suffix"), m);
    }

    @Test
    void badRowsAreCollectedWithLineNumbers() throws IOException {
        Dataset d = new Dataset("x", List.of(), List.of(
                new LabelledSample("ok", OxideMolPct.ofPaperOrder(ROW, new double[10]),
                        ReeTargetsPpmMol.summing(ReeOxidePpmMol.ofPaperOrder(REE)), SampleOrigin.MEASURED)));
        String good = write(d);
        String[] lines = good.split("\n");
        String row = lines[lines.length - 1];
        String text = good
                + row.replace("ok,measured", "b1,invented") + "\n"
                + row.replace("ok,measured", "SYN-fake,measured") + "\n"
                + row.replace("ok,measured", "b3,measured").replaceFirst(",0\\.0,0\\.0,", ",,0.0,") + "\n"
                + row.replace("ok,measured,44.8", "b4,measured,4o.8") + "\n";
        ReadResult<Dataset> r = read(text);
        assertEquals(1, r.value().size());
        // lines 1-2 comments, 3 header, 4 the good row
        assertEquals(List.of(5, 6, 7, 8), r.problems().stream().map(RowProblem::lineNumber).toList());
        assertTrue(r.problems().get(0).reason().contains("unknown origin 'invented'"));
        assertTrue(r.problems().get(1).reason().contains("reserved for"));
        assertTrue(r.problems().get(2).reason().contains("all filled or all empty"));
        assertTrue(r.problems().get(3).reason().contains("SiO2_mol_pct = '4o.8' is not a number"));
        assertThrows(DatasetFormatException.class,
                () -> ProjectCsv.read(new StringReader(text), "inline", ReadMode.STRICT));
    }

    @Test
    void extrasMustNameTheirUnitWhenWritten() {
        Dataset d = new Dataset("x", List.of(), List.of(new LabelledSample("a", OxideMolPct.ofPaperOrder(ROW),
                ReeTargetsPpmMol.summing(ReeOxidePpmMol.ofPaperOrder(REE)), SampleOrigin.MEASURED,
                Map.of("std", 1.0))));
        assertThrows(IllegalArgumentException.class, () -> write(d));
    }
}
