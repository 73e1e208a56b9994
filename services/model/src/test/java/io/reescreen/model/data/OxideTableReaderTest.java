package io.reescreen.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.testing.SharedData;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorElementUnits;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReadingPolicy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OxideTableReaderTest {

    private static final ReadingPolicy STREAM = ReadingPolicy.byDifference(MajorOxide.SIO2);

    /** The same ash in every style below: SiO2 55.1, Al2O3 25.3, ..., MnO 0.05 wt % (sums to 100). */
    private static final double[] WT_PCT = {55.1, 25.3, 3.2, 6.4, 1.5, 0.8, 2.4, 1.2, 0.2, 0.05};

    private static OxideTable read(String csv) throws IOException {
        ReadResult<OxideTable> r = new OxideTableReader(ReadMode.STRICT).read(new StringReader(csv), "test.csv");
        assertTrue(r.isClean(), r.problems().toString());
        return r.value();
    }

    private static double wtPct(OxideTableSample sample, MajorOxide oxide) {
        return ((OxideWtPctReading.Measured) sample.majors().value(oxide).orElseThrow()).wtPct();
    }

    private static void assertTheSameAsh(OxideTable table) {
        assertEquals(1, table.samples().size());
        OxideTableSample sample = table.samples().get(0);
        assertEquals("A-1", sample.sampleId());
        for (MajorOxide oxide : MajorOxide.PAPER_ORDER) {
            assertEquals(WT_PCT[oxide.ordinal()], wtPct(sample, oxide), 1e-12, oxide.formula());
        }
    }

    @Test
    void bareFormulasAreOxideWtPct() throws IOException {
        assertTheSameAsh(read("""
                Sample,SiO2,Al2O3,CaO,Fe2O3,MgO,Na2O,K2O,TiO2,P2O5,MnO
                A-1,55.1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,0.05
                """));
    }

    @Test
    void upperCaseFormulasWithAPercentSignAreOxideWtPct() throws IOException {
        assertTheSameAsh(read("""
                Sample ID,SIO2 %,AL2O3 %,CAO %,FE2O3 %,MGO %,NA2O %,K2O %,TIO2 %,P2O5 %,MNO %
                A-1,55.1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,0.05
                """));
    }

    @Test
    void snakeCaseWtPctHeadersAreOxideWtPct() throws IOException {
        assertTheSameAsh(read("""
                sample_id,sio2_wt_pct,al2o3_wt_pct,cao_wt_pct,fe2o3_wt_pct,mgo_wt_pct,na2o_wt_pct,k2o_wt_pct,tio2_wt_pct,p2o5_wt_pct,mno_wt_pct
                A-1,55.1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,0.05
                """));
    }

    @Test
    void bracketedUnitsAndTotalIronAreOxideWtPct() throws IOException {
        assertTheSameAsh(read("""
                Name,SiO2 (wt %),Al2O3 (wt %),CaO (wt%),Fe2O3(T),MgO [wt.%],Na2O,K2O,TiO2,P2O5,MnO
                A-1,55.1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,0.05
                """));
        assertTheSameAsh(read("""
                Sample,SiO2,Al2O3,CaO,Fe2O3T,MgO,Na2O,K2O,TiO2,P2O5,MnO
                A-1,55.1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,0.05
                """));
    }

    @Test
    void semicolonSeparatedFilesUseADecimalComma() throws IOException {
        OxideTable table = read("""
                Sample;SiO2;Al2O3;CaO;Fe2O3;MgO;Na2O;K2O;TiO2;P2O5;MnO
                A-1;55,1;25,3;3,2;6,4;1,5;0,8;2,4;1,2;0,2;0,05
                """);
        assertTheSameAsh(table);
        assertEquals(new CsvDialect(';', true), table.dialect());
    }

    @Test
    void tabSeparatedFilesAreRead() throws IOException {
        OxideTable table = read("Sample\tSiO2\tAl2O3\tCaO\tFe2O3\tMgO\tNa2O\tK2O\tTiO2\tP2O5\tMnO\n"
                + "A-1\t55.1\t25.3\t3.2\t6.4\t1.5\t0.8\t2.4\t1.2\t0.2\t0.05\n");
        assertTheSameAsh(table);
        assertEquals('\t', table.dialect().separator());
    }

    @Test
    void aDecimalCommaInACommaSeparatedFileIsABadRowNotAnotherNumber() throws IOException {
        ReadResult<OxideTable> r = new OxideTableReader(ReadMode.LENIENT).read(new StringReader("""
                Sample,SiO2,Al2O3,CaO,Fe2O3,MgO,Na2O,K2O,TiO2,P2O5,MnO
                A-1,"55,1",25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,0.05
                """), "test.csv");
        assertTrue(r.value().samples().isEmpty());
        assertTrue(r.problems().get(0).reason().contains("decimal comma is read only in ';'-separated files"),
                r.problems().toString());
    }

    @Test
    void unknownColumnsAreIgnoredAndListed() throws IOException {
        OxideTable table = read("""
                Sample,Date,SiO2,Al2O3,CaO,Fe2O3,MgO,Na2O,K2O,TiO2,P2O5,MnO,LOI,SiO2_sd,Total
                A-1,2026-01-02,55.1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,0.05,4.1,0.3,104.1
                """);
        assertTheSameAsh(table);
        assertEquals(List.of("Date", "LOI", "SiO2_sd", "Total"), table.ignoredColumns());
    }

    @Test
    void anOxideInPpmIsRefusedNotTakenAsWtPct() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> read("""
                Sample,SiO2,Al2O3,CaO,Fe2O3,MgO,Na2O,K2O,TiO2,P2O5,MnO (ppm)
                A-1,55.1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,500
                """));
        assertTrue(e.getMessage().contains("MnO in ppm"), e.getMessage());
    }

    @Test
    void aMajorElementInPpmBecomesItsOxideThroughTheUnitsPackage() throws IOException {
        OxideTable table = read("""
                Sample,SiO2,Al2O3,CaO,Fe2O3,MgO,Na2O,K2O,TiO2,P2O5,Mn_ppm
                A-1,55.1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,387
                """);
        assertEquals(MajorElementUnits.oxideWtPctFromElementPpm(MajorOxide.MNO, 387),
                wtPct(table.samples().get(0), MajorOxide.MNO), 1e-12);
    }

    @Test
    void withoutSilicaTheInputTakesItByDifferenceAndSaysSo() throws IOException {
        OxideTable table = read("""
                Sample,Al2O3,CaO,Fe2O3,MgO,Na2O,K2O,TiO2,P2O5,MnO
                A-1,25.3,3.2,6.4,1.5,0.8,2.4,1.2,0.2,0.05
                """);
        ReadResult<List<ScreeningInput>> inputs = table.inputs(STREAM);
        assertTrue(inputs.isClean());
        ScreeningInput input = inputs.value().get(0);
        assertEquals(Optional.of(MajorOxide.SIO2), input.oxides().provenance().byDifference());
        assertTrue(input.lab().isEmpty(), "an XRF export has no lab values");
    }

    @Test
    void aBelowDetectionCellIsReadAtItsLimit() throws IOException {
        OxideTable table = read("""
                Sample;SiO2;Al2O3;CaO;Fe2O3;MgO;Na2O;K2O;TiO2;P2O5;MnO
                A-1;55,1;25,3;3,2;6,4;1,5;0,8;2,4;1,2;0,2;<0,01
                """);
        assertEquals(new OxideWtPctReading.BelowDetection(0.01),
                table.samples().get(0).majors().value(MajorOxide.MNO).orElseThrow());
    }

    @Test
    void aTableWithoutASampleIdColumnIsRefusedNamingTheNamesItTakes() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> read("""
                Code,SiO2,Al2O3
                A-1,55.1,25.3
                """));
        assertTrue(e.getMessage().contains("no sample id column (one of sample, sampleid"), e.getMessage());
    }

    @Test
    void twoColumnsForOneOxideAreRefused() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> read("""
                Sample,Fe2O3,Fe2O3T,SiO2
                A-1,6.4,6.5,55
                """));
        assertTrue(e.getMessage().contains("two columns for Fe2O3"), e.getMessage());
    }

    @Test
    void predictionReadsAnXrfExportWithoutLabValues(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("xrf.csv");
        Files.writeString(file, """
                Sample;SIO2 %;AL2O3 %;CAO %;FE2O3 %;MGO %;NA2O %;K2O %;TIO2 %;P2O5 %;MNO %;Operator
                A-1;55,1;25,3;3,2;6,4;1,5;0,8;2,4;1,2;0,2;0,05;jd
                A-2;;25,3;3,2;6,4;1,5;0,8;2,4;1,2;0,2;0,05;jd
                """);
        ReadResult<ScreeningTable> r = DatasetFiles.readForPrediction(file);
        assertTrue(r.isClean(), r.problems().toString());
        assertEquals(List.of("Operator"), r.value().ignoredColumns());
        assertEquals(2, r.value().rows().size());
        assertFalse(r.value().rows().get(0).oxides().provenance().byDifference().isPresent());
        assertEquals(Optional.of(MajorOxide.SIO2), r.value().rows().get(1).oxides().provenance().byDifference(),
                "an empty SiO2 cell is not reported: taken by difference");
        assertTrue(r.value().description().contains("';'-separated, decimal comma"), r.value().description());
        double[][] x = r.value().inputsMolPct(FeatureSet.PAPER_SIX);
        assertEquals(2, x.length);
        assertEquals(r.value().rows().get(0).oxides().molPct(MajorOxide.AL2O3), x[0][0], 0.0);
        assertEquals(0, r.value().labelled().size(), "no lab values to score against");
    }

    @Test
    void theWhitehavenRejectAshesReadAsAnOxideTableAsTheirOwnReaderReadsThem() throws IOException {
        Path file = SharedData.file("raw/acarp-whitehaven-reject-ash/whitehaven_reject_ash_tidy.csv");
        ReadResult<OxideTable> table = new OxideTableReader(ReadMode.STRICT).read(file);
        assertEquals(List.of("Seam", "Fraction", "Ash_ad_pct"), table.value().ignoredColumns());
        ReadResult<Dataset> general = table.value().labelled(STREAM);
        ReadResult<Dataset> own = new WhitehavenRejectAshReader(ReadMode.STRICT).readLabelled(file, STREAM);
        assertTrue(general.isClean() && own.isClean());
        assertEquals(8, general.value().size());
        for (int i = 0; i < own.value().size(); i++) {
            LabelledSample a = own.value().get(i);
            LabelledSample b = general.value().get(i);
            assertEquals(a.sampleId(), b.sampleId());
            assertEquals(a.oxides(), b.oxides());
            assertEquals(a.totalReePpmMol(), b.totalReePpmMol(), 1e-9);
            assertEquals(Optional.of(MajorOxide.SIO2), b.oxides().provenance().byDifference());
        }
    }
}
