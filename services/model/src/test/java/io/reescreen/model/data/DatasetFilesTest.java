package io.reescreen.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void anUnknownLayoutIsRefusedNamingBothFormats() throws IOException {
        Path file = write("other.csv", "a,b,c", "1,2,3");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetFiles.read(file));
        assertEquals(1, e.problems().size());
        assertEquals(1, e.problems().get(0).lineNumber());
        String reason = e.problems().get(0).reason();
        assertTrue(reason.contains(ProjectCsv.FORMAT_LINE), reason);
        assertTrue(reason.contains(PaperTableReader.TOTAL_COLUMN), reason);
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
}
