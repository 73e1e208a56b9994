package io.reescreen.model.data;

import io.reescreen.model.testing.SharedData;
import io.reescreen.model.units.CompositionException;
import io.reescreen.model.units.Element;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideMolPct;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.model.units.OxideWtPctReading;
import io.reescreen.model.units.ReadingPolicy;
import io.reescreen.model.units.ReeOxidePpmMol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhitehavenRejectAshReaderTest {

    private static List<RejectAshSample> readReal() throws IOException {
        ReadResult<List<RejectAshSample>> r = new WhitehavenRejectAshReader(ReadMode.STRICT)
                .read(SharedData.file("raw/acarp-whitehaven-reject-ash/whitehaven_reject_ash_tidy.csv"));
        assertTrue(r.isClean());
        return r.value();
    }

    @Test
    void readsTheEightRejectAshesWithoutSilica() throws IOException {
        List<RejectAshSample> samples = readReal();
        assertEquals(8, samples.size());
        RejectAshSample first = samples.get(0);
        assertEquals("ICP23000472Z291", first.sampleId());
        assertEquals("L1", first.seam());
        assertEquals("Coarse", first.fraction());
        assertEquals(63.3, first.ashYieldAdPct(), 0.0);
        assertEquals(69.1, first.ree().ppm(Element.CE), 0.0);
        assertEquals(25.8, first.ree().ppm(Element.SC), 0.0);
        for (RejectAshSample s : samples) {
            assertEquals(Set.of(MajorOxide.SIO2), s.majors().missing());
        }
    }

    @Test
    void silicaByDifferenceGivesPaperRangeAluminaWhereRenormalisingWouldNot() throws IOException {
        for (RejectAshSample s : readReal()) {
            CompositionException e = assertThrows(CompositionException.class,
                    () -> s.majors().resolve(ReadingPolicy.rejectMissing()));
            assertEquals(Set.of(MajorOxide.SIO2), e.oxides());

            OxideWtPct wt = s.majors().resolve(ReadingPolicy.byDifference(MajorOxide.SIO2));
            assertEquals(Optional.of(MajorOxide.SIO2), wt.provenance().byDifference());
            assertEquals(100.0, wt.sumWtPct(), 1e-9);
            OxideMolPct mol = wt.toMolPct();
            double alumina = mol.molPct(MajorOxide.AL2O3);
            // Inside the paper's training range for Al2O3 (Table 1: 8.0-21.3 mol %)
            assertTrue(alumina > 8.0 && alumina < 21.3, s.sampleId() + " Al2O3 " + alumina + " mol %");

            // The trap: renormalising the nine measured oxides without SiO2 (same values, SiO2 = 0)
            double[] measuredOnly = wt.toArrayWtPct();
            measuredOnly[MajorOxide.SIO2.ordinal()] = 0;
            double renormalised = OxideWtPct.ofPaperOrder(measuredOnly).toMolPct().molPct(MajorOxide.AL2O3);
            assertTrue(renormalised > 3 * alumina, s.sampleId() + ": " + renormalised + " vs " + alumina);

            // REE in the paper's target unit are then computable and plausible for ash (tens to hundreds)
            ReeOxidePpmMol ree = s.ree().toOxidePpmMol(mol);
            assertTrue(ree.sumPpmMol() > 50 && ree.sumPpmMol() < 400, s.sampleId() + " " + ree.sumPpmMol());
        }
    }

    @Test
    void badRowsAndHeadersAreReported() throws IOException {
        String header = "sample,Al2O3_wtpct_4acid,CaO_wtpct_4acid,La_ppm,Ce_ppm,Pr_ppm,Nd_ppm,Sm_ppm,Eu_ppm,"
                + "Gd_ppm,Tb_ppm,Dy_ppm,Ho_ppm,Er_ppm,Tm_ppm,Yb_ppm,Lu_ppm,Y_ppm,Sc_ppm,Seam,Fraction,Ash_ad_pct";
        String ree = "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16";
        String text = header + "\n"
                + "a,20.5,0.4," + ree + ",L1,Coarse,63.3\n"
                + "b,x,0.4," + ree + ",L1,Coarse,63.3\n"
                + "a,118.8,0.4," + ree + ",L1,Coarse,63.3\n";
        ReadResult<List<RejectAshSample>> r = new WhitehavenRejectAshReader(ReadMode.LENIENT)
                .read(new StringReader(text), "inline");
        assertEquals(1, r.value().size());
        assertEquals(Set.of(MajorOxide.SIO2, MajorOxide.FE2O3, MajorOxide.MGO, MajorOxide.NA2O, MajorOxide.K2O,
                MajorOxide.TIO2, MajorOxide.P2O5, MajorOxide.MNO), r.value().get(0).majors().missing());
        assertEquals(List.of(3, 4), r.problems().stream().map(RowProblem::lineNumber).toList());
        assertTrue(r.problems().get(1).reason().contains("duplicate sample id 'a'"));
        assertTrue(r.problems().get(1).reason().contains("exceeds 100 wt%"));

        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> new WhitehavenRejectAshReader(ReadMode.LENIENT).read(new StringReader(
                        header.replace(",Sc_ppm", "").replace("CaO_wtpct", "SO3_wtpct") + "\n"), "inline"));
        assertTrue(e.getMessage().contains("missing column 'Sc_ppm'"), e.getMessage());
        assertTrue(e.getMessage().contains("SO3"), e.getMessage());
    }

    @Test
    void aDetectionLimitThatIsNotANumberIsARowProblem() throws IOException {
        String header = "sample,Al2O3_wtpct_4acid,MnO_wtpct_4acid,La_ppm,Ce_ppm,Pr_ppm,Nd_ppm,Sm_ppm,Eu_ppm,"
                + "Gd_ppm,Tb_ppm,Dy_ppm,Ho_ppm,Er_ppm,Tm_ppm,Yb_ppm,Lu_ppm,Y_ppm,Sc_ppm,Seam,Fraction,Ash_ad_pct";
        String ree = "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16";
        ReadResult<List<RejectAshSample>> r = new WhitehavenRejectAshReader(ReadMode.LENIENT).read(new StringReader(
                header + "\na,18.8,<0.01," + ree + ",L1,Coarse,63.3\nb,18.8,<LOD," + ree + ",L1,Coarse,63.3\n"), "inline");
        assertEquals(List.of("a"), r.value().stream().map(RejectAshSample::sampleId).toList());
        assertTrue(r.value().get(0).majors().value(MajorOxide.MNO).orElseThrow()
                instanceof OxideWtPctReading.BelowDetection b && b.detectionLimitWtPct() == 0.01);
        assertEquals(List.of(3), r.problems().stream().map(RowProblem::lineNumber).toList());
        assertTrue(r.problems().get(0).reason().contains("MnO_wtpct_4acid = '<LOD'"), r.problems().toString());
    }
}
