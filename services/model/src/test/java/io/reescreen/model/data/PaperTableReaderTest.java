package io.reescreen.model.data;

import io.reescreen.model.testing.SharedData;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeOxide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperTableReaderTest {

    private static final String HEADER = "Sample Name,SiO2,Al2O3,CaO,Fe2O3,MgO,Na2O,K2O,TiO2,P2O5,MnO,"
            + "Target content [ppm mol],CeO2,Dy2O3,Er2O3,EuO,Gd2O3,Ho2O3,La2O3,Lu2O3,Nd2O3,Pr2O3,Sc2O3,Sm2O3,Tb2O3,"
            + "Tm2O3,Yb2O3,Y2O3";
    /** The first released 10 % sample row (id 13); its 16 REE sum to 142.11 ppm mol. */
    private static final String GOOD = "44.8,14.36,26.88,2.5,7.41,1.53,0.46,1.19,0.44,0.03,142.11,58.62,2.02,1.1,"
            + "1.21,2.29,0.37,16.44,0.14,12.6,3.44,21.52,2.31,0.33,0.14,0.94,18.64";

    private static ReadResult<Dataset> readInline(PaperTableReader reader, String text) throws IOException {
        return reader.read(new StringReader(text), "inline", "inline");
    }

    @Test
    void readsTheFranusTableExactly() throws IOException {
        Dataset franus = PaperTableReader.measured().withMode(ReadMode.STRICT)
                .read(SharedData.file("raw/song2024-mtnn/ree_dataset_franus.csv")).value();
        assertEquals(12, franus.size());
        assertTrue(franus.isAllMeasured());
        LabelledSample s12 = franus.get(11);
        assertEquals("12", s12.sampleId());
        assertEquals(2.3856872685110804, s12.oxides().molPct(MajorOxide.AL2O3), 0.0);
        assertEquals(33.984007817537545, s12.totalReePpmMol(), 0.0);
        assertEquals(6.168090506218061, s12.targets().oxides().ppmMol(ReeOxide.Y2O3), 0.0);
        assertEquals(1.6423239258496947, franus.get(1).targets().oxides().ppmMol(ReeOxide.SC2O3), 0.0,
                "the Sc anomaly of sample 2 noted in PROVENANCE.md is kept as published");
        for (LabelledSample s : franus.samples()) {
            assertEquals(s.targets().oxides().sumPpmMol(), s.totalReePpmMol(), 1e-9, "total = sum of 16");
        }
    }

    @Test
    void readsTheTenPercentSampleWithItsSampleIdHeader() throws IOException {
        ReadResult<Dataset> r = PaperTableReader.measured().withIdPrefix("epri-")
                .read(SharedData.file("raw/song2024-mtnn/ree_dataset_10pct_sample.csv"));
        assertTrue(r.isClean(), r.problems().toString());
        assertEquals(10, r.value().size());
        assertEquals("epri-13", r.value().get(0).sampleId());
        assertEquals(142.11, r.value().get(0).totalReePpmMol(), 0.0);
    }

    @Test
    void teacherFilesNeedTheirExtraColumnDeclared() throws IOException {
        var file = SharedData.file("reference/teacher_epri_like_99.csv");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> PaperTableReader.measured().read(file));
        assertTrue(e.getMessage().contains("undeclared column 'teacher_total_std'"), e.getMessage());

        Dataset teacher = PaperTableReader.teacherLabelled().withMode(ReadMode.STRICT).read(file).value();
        assertEquals(99, teacher.size());
        assertEquals(List.of(SampleOrigin.TEACHER_LABELLED), List.copyOf(teacher.origins()));
        assertEquals(7.6699, teacher.get(0).extras().get("teacher_total_std_ppm_mol"), 0.0);

        Dataset ignored = PaperTableReader.teacherLabelled().ignoringExtra("teacher_total_std")
                .withMode(ReadMode.STRICT).read(file).value();
        assertEquals(99, ignored.size());
    }

    @Test
    void theTeacher99MatchesTheReleasedScalerMeansAsItsReadmeClaims() throws IOException {
        // reference/README.md: "The 6 input means and stds equal the scaler statistics: to ≤0.001 in the 99 set".
        Dataset teacher = PaperTableReader.teacherLabelled()
                .read(SharedData.file("reference/teacher_epri_like_99.csv")).value();
        CsvTable scaler = CsvTable.read(SharedData.file("raw/song2024-mtnn/scaler_stats_99sample_epri_netl.csv"));
        int checked = 0;
        for (CsvTable.Row row : scaler.rows()) {
            if (!row.cells().get(0).equals("feature")) {
                continue;
            }
            MajorOxide o = MajorOxide.fromFormula(row.cells().get(1));
            double mean = teacher.samples().stream().mapToDouble(s -> s.oxides().molPct(o)).average().orElseThrow();
            assertEquals(Double.parseDouble(row.cells().get(2)), mean, 0.001, o.formula());
            checked++;
        }
        assertEquals(6, checked);
    }

    @Test
    void readsTheTeacher5000() throws IOException {
        ReadResult<Dataset> r = PaperTableReader.teacherLabelled()
                .read(SharedData.file("reference/teacher_epri_like_5000.csv"));
        assertTrue(r.isClean(), r.problems().toString());
        assertEquals(5000, r.value().size());
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndReasons() throws IOException {
        String text = String.join("\n", HEADER,
                "1," + GOOD,
                "2," + GOOD.replace("44.8,", "abc,"),
                "3," + GOOD.replace("142.11,", ","),
                "1," + GOOD,
                "5," + GOOD.replace("44.8,14.36,", "4.48,1.436,"),
                "6," + GOOD.replace("142.11,", "200.0,"),
                "7,1,2,3",
                "8," + GOOD.replace("26.88,", "-26.88,").replace("58.62,", "NaN,"),
                "9," + GOOD);
        ReadResult<Dataset> r = readInline(PaperTableReader.measured(), text);
        assertEquals(List.of("1", "9"), r.value().samples().stream().map(LabelledSample::sampleId).toList());
        Map<Integer, String> byLine = new java.util.HashMap<>();
        r.problems().forEach(p -> byLine.put(p.lineNumber(), p.reason()));
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), r.problems().stream().map(RowProblem::lineNumber).toList());
        assertTrue(byLine.get(3).contains("SiO2 = 'abc' is not a number"), byLine.get(3));
        assertTrue(byLine.get(4).contains("Target content [ppm mol] is empty"), byLine.get(4));
        assertTrue(byLine.get(5).contains("duplicate sample id '1'"), byLine.get(5));
        assertTrue(byLine.get(6).contains("sum to"), byLine.get(6));
        assertTrue(byLine.get(7).contains("differs from the sum of the 16"), byLine.get(7));
        assertTrue(byLine.get(8).contains("has 4 cells"), byLine.get(8));
        assertTrue(byLine.get(9).contains("CaO") && byLine.get(9).contains("CeO2"),
                "both problems of one row are reported: " + byLine.get(9));

        DatasetFormatException strict = assertThrows(DatasetFormatException.class,
                () -> readInline(PaperTableReader.measured().withMode(ReadMode.STRICT), text));
        assertEquals(7, strict.problems().size());
    }

    @Test
    void teacherTotalsAreNotCheckedAgainstTheSum() throws IOException {
        String text = HEADER + ",teacher_total_std\n1," + GOOD.replace("142.11,", "150.0,") + ",3.2\n";
        ReadResult<Dataset> r = readInline(PaperTableReader.teacherLabelled(), text);
        assertTrue(r.isClean(), r.problems().toString());
        assertEquals(150.0, r.value().get(0).totalReePpmMol(), 0.0);
    }

    @Test
    void headerProblemsAreAllReported() {
        String text = HEADER.replace(",CaO", "").replace(",Y2O3", ",Y2O3,SO3") + "\n";
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> readInline(PaperTableReader.measured(), text));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("missing column 'CaO'"));
        assertTrue(e.getMessage().contains("undeclared column 'SO3'"));
        assertThrows(IllegalArgumentException.class,
                () -> PaperTableReader.measured().keepingExtra("teacher_total_std", "teacher_total_std"),
                "kept columns must name their unit");
    }
}
