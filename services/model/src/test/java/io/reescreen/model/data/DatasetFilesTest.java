package io.reescreen.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.testing.SharedData;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReadingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {

    private static final String PAPER_HEADER = "Sample Name,SiO2,Al2O3,CaO,Fe2O3,MgO,Na2O,K2O,TiO2,P2O5,MnO,"
            + "Target content [ppm mol],CeO2,Dy2O3,Er2O3,EuO,Gd2O3,Ho2O3,La2O3,Lu2O3,Nd2O3,Pr2O3,Sc2O3,Sm2O3,Tb2O3,"
            + "Tm2O3,Yb2O3,Y2O3";
    /** A released 10 % sample row; its 16 REE sum to its total, 142.11 ppm mol. */
    private static final String PAPER_ROW = "44.8,14.36,26.88,2.5,7.41,1.53,0.46,1.19,0.44,0.03,142.11,58.62,2.02,1.1,"
            + "1.21,2.29,0.37,16.44,0.14,12.6,3.44,21.52,2.31,0.33,0.14,0.94,18.64";

    private static final String OXIDE_WT_PCT_HEADER = "sample,Al2O3_wtpct_4acid,CaO_wtpct_4acid,Fe2O3_wtpct_4acid,"
            + "MgO_wtpct_4acid,TiO2_wtpct_4acid,P2O5_wtpct_4acid,K2O_wtpct_4acid,Na2O_wtpct_4acid,MnO_wtpct_4acid,"
            + "La_ppm,Ce_ppm,Pr_ppm,Nd_ppm,Sm_ppm,Eu_ppm,Gd_ppm,Tb_ppm,Dy_ppm,Ho_ppm,Er_ppm,Tm_ppm,Yb_ppm,Lu_ppm,Y_ppm,"
            + "Sc_ppm,Seam,Fraction,Ash_ad_pct";
    private static final String REE_PPM = "32.4,69.1,7.56,29.3,5.55,1.32,5.11,0.72,5.14,0.92,2.96,0.4,2.85,0.39,25.9,25.8";

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void aProjectCsvIsRecognisedByItsFormatLine() throws IOException {
        Dataset synthetic = new SyntheticAshGenerator(SyntheticSpec.withSeed(4)).generate(5);
        Path file = dir.resolve("project.csv");
        ProjectCsv.write(synthetic, file);
        ReadResult<Dataset> read = DatasetFiles.read(file);
        assertTrue(read.isClean(), read.problems().toString());
        assertEquals(synthetic.name(), read.value().name());
        assertEquals(synthetic.samples(), read.value().samples());
        assertEquals(Set.of(SampleOrigin.SYNTHETIC), read.value().origins());
    }

    @Test
    void thePaperTableIsRecognisedByItsTotalColumn() throws IOException {
        Path file = write("paper.csv", PAPER_HEADER, "13," + PAPER_ROW, "14," + PAPER_ROW);
        Dataset read = DatasetFiles.readClean(file);
        assertEquals(2, read.size());
        assertEquals(Set.of(SampleOrigin.MEASURED), read.origins());
        assertEquals(142.11, read.get(0).totalReePpmMol(), 0.0);
    }

    @Test
    void aTeacherColumnMakesItATeacherTable() throws IOException {
        Path file = write("teacher.csv", PAPER_HEADER + ",teacher_total_std", "1," + PAPER_ROW + ",7.5");
        Dataset read = DatasetFiles.readClean(file);
        assertEquals(Set.of(SampleOrigin.TEACHER_LABELLED), read.origins());
        assertEquals(7.5, read.get(0).extras().get("teacher_total_std_ppm_mol"), 0.0);
    }

    @Test
    void theSharedFranusAndTeacherFilesAreRecognised() throws IOException {
        Dataset franus = DatasetFiles.readClean(SharedData.file("raw/song2024-mtnn/ree_dataset_franus.csv"));
        assertEquals(12, franus.size());
        assertTrue(franus.isAllMeasured());
        Dataset teacher = DatasetFiles.readClean(SharedData.file("reference/teacher_epri_like_99.csv"));
        assertEquals(99, teacher.size());
        assertEquals(Set.of(SampleOrigin.TEACHER_LABELLED), teacher.origins());
        assertTrue(teacher.samples().stream().allMatch(s -> s.extras().containsKey("teacher_total_std_ppm_mol")));
    }

    @Test
    void anUnknownLayoutIsRefusedNamingTheKnownFormats() throws IOException {
        Path file = write("other.csv", "a,b,c", "1,2,3");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetFiles.read(file));
        assertEquals(1, e.problems().size());
        assertEquals(1, e.problems().get(0).lineNumber());
        String reason = e.problems().get(0).reason();
        assertTrue(reason.contains(ProjectCsv.FORMAT_LINE), reason);
        assertTrue(reason.contains(PaperTableReader.TOTAL_COLUMN), reason);
        assertTrue(reason.contains(WhitehavenRejectAshReader.OXIDE_SUFFIX), reason);
        // A comment first line that is not the project's format line is not a project CSV either.
        Path otherComment = write("comment.csv", "# some other tool's export", "a,b", "1,2");
        assertThrows(DatasetFormatException.class, () -> DatasetFiles.read(otherComment));
    }

    /**
     * Regression: the layout was once detected from the raw first line, while the readers it dispatches to
     * (through CsvTable) strip a UTF-8 byte-order mark, so a project CSV saved with a BOM (e.g. by a Windows
     * editor) was refused.
     */
    @Test
    void aProjectCsvWithAByteOrderMarkIsRecognised() throws IOException {
        Dataset synthetic = new SyntheticAshGenerator(SyntheticSpec.withSeed(4)).generate(3);
        Path file = dir.resolve("bom.csv");
        ProjectCsv.write(synthetic, file);
        Files.writeString(file, "\uFEFF" + Files.readString(file));
        assertEquals(3, ProjectCsv.read(file, ReadMode.STRICT).value().size(), "the project reader takes it");
        assertEquals(synthetic.samples(), DatasetFiles.readClean(file).samples());
    }

    /**
     * Regression: detection once looked at line 1 only, but the paper table's header may follow '#' comment lines
     * (CsvTable skips them and PaperTableReader keeps them as notes).
     */
    @Test
    void aPaperTableWithALeadingCommentIsRecognised() throws IOException {
        Path file = write("commented.csv", "# exported from REE dataset_10% sample.xlsx", PAPER_HEADER, "13," + PAPER_ROW);
        assertEquals(1, PaperTableReader.measured().withMode(ReadMode.STRICT).read(file).value().size(),
                "the paper reader takes it");
        assertEquals(1, DatasetFiles.readClean(file).size());
    }

    @Test
    void missingAndEmptyFilesAreIoErrors() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> DatasetFiles.read(dir.resolve("absent.csv")));
        assertTrue(missing.getMessage().contains("absent.csv"), missing.getMessage());
        Path empty = write("empty.csv");
        IOException e = assertThrows(IOException.class, () -> DatasetFiles.read(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IOException.class, () -> DatasetFiles.read(dir), "a directory is not a dataset file");
    }

    @Test
    void readSkipsABadRowButReadCleanRefusesTheFile() throws IOException {
        Dataset synthetic = new SyntheticAshGenerator(SyntheticSpec.withSeed(4)).generate(5);
        Path file = dir.resolve("project.csv");
        ProjectCsv.write(synthetic, file);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String badId = synthetic.get(2).sampleId();
        int badLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(badId + ",")) {
                String[] cells = lines.get(i).split(",", -1);
                cells[2] = "abc"; // SiO2_mol_pct
                lines.set(i, String.join(",", cells));
                badLine = i + 1;
            }
        }
        assertTrue(badLine > 0);
        Files.write(file, lines);

        ReadResult<Dataset> lenient = DatasetFiles.read(file);
        assertEquals(4, lenient.value().size());
        assertEquals(1, lenient.problems().size());
        assertEquals(badLine, lenient.problems().get(0).lineNumber());

        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetFiles.readClean(file));
        assertEquals(List.of(badLine), e.problems().stream().map(RowProblem::lineNumber).toList());

        Path paper = write("paper.csv", PAPER_HEADER, "13," + PAPER_ROW, "14," + PAPER_ROW.replace("44.8,", "-44.8,"));
        DatasetFormatException p = assertThrows(DatasetFormatException.class, () -> DatasetFiles.readClean(paper));
        assertEquals(List.of(3), p.problems().stream().map(RowProblem::lineNumber).toList());
    }

    @Test
    void anOxideWtPctTableIsReadWithSilicaByDifferenceAndBelowDetectionAtHalfTheLimit() throws IOException {
        Path file = write("xrf.csv", OXIDE_WT_PCT_HEADER,
                "A1,18.8,0.38,3.69,0.41,0.86,0.06,2.04,0.11,0.0115," + REE_PPM + ",L1,Coarse,63.3",
                "A2,18.8,0.38,3.69,0.41,0.86,0.06,2.04,0.11,<0.01," + REE_PPM + ",L1,Coarse,63.3",
                "A3,60.0,45.0,3.69,0.41,0.86,0.06,2.04,0.11,0.01," + REE_PPM + ",L1,Coarse,63.3");
        ReadResult<Dataset> read = DatasetFiles.read(file);

        assertEquals(List.of("A1", "A2"), read.value().samples().stream().map(LabelledSample::sampleId).toList());
        assertEquals(List.of(4), read.problems().stream().map(RowProblem::lineNumber).toList(),
                "other oxides above 100 wt% leave nothing for SiO2: " + read.problems());
        assertTrue(read.problems().get(0).reason().contains("SiO2"), read.problems().toString());
        for (LabelledSample s : read.value().samples()) {
            assertEquals(Optional.of(MajorOxide.SIO2), s.oxides().provenance().byDifference(), s.sampleId());
            assertEquals(SampleOrigin.MEASURED, s.origin());
            assertEquals(100.0, s.oxides().sumMolPct(), 1e-9);
            assertTrue(s.totalReePpmMol() > 50 && s.totalReePpmMol() < 400, s.sampleId() + " " + s.totalReePpmMol());
        }
        LabelledSample belowDetection = read.value().get(1);
        assertEquals(Set.of(MajorOxide.MNO), belowDetection.oxides().provenance().belowDetection());
        // <0.01 wt% is read as LOD/2 = 0.005 wt% (the stream's default): the same as a measured 0.005.
        OxideMolPct halfLimit = OxideWtPctReading.builder().measured(MajorOxide.AL2O3, 18.8)
                .measured(MajorOxide.CAO, 0.38).measured(MajorOxide.FE2O3, 3.69).measured(MajorOxide.MGO, 0.41)
                .measured(MajorOxide.TIO2, 0.86).measured(MajorOxide.P2O5, 0.06).measured(MajorOxide.K2O, 2.04)
                .measured(MajorOxide.NA2O, 0.11).measured(MajorOxide.MNO, 0.005).build()
                .resolve(ReadingPolicy.byDifference(MajorOxide.SIO2)).toMolPct();
        assertEquals(halfLimit.molPct(MajorOxide.MNO), belowDetection.oxides().molPct(MajorOxide.MNO), 1e-12);
    }

    @Test
    void theSharedWhitehavenRejectAshFileIsRecognisedWithSilicaByDifference() throws IOException {
        Dataset whitehaven = DatasetFiles.readClean(
                SharedData.file("raw/acarp-whitehaven-reject-ash/whitehaven_reject_ash_tidy.csv"));
        assertEquals(8, whitehaven.size());
        assertTrue(whitehaven.isAllMeasured());
        for (LabelledSample s : whitehaven.samples()) {
            assertEquals(Optional.of(MajorOxide.SIO2), s.oxides().provenance().byDifference(), s.sampleId());
            // The paper's Al2O3 range (Table 1: 8.0-21.3 mol %), which renormalising without SiO2 would leave.
            double alumina = s.oxides().molPct(MajorOxide.AL2O3);
            assertTrue(alumina > 8.0 && alumina < 21.3, s.sampleId() + " Al2O3 " + alumina + " mol %");
        }
    }
}
