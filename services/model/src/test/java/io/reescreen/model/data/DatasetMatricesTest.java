package io.reescreen.model.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import io.reescreen.model.units.FeatureSet;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.ReeOxide;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of the model's input and target matrices: rows in sample order, columns in feature / target order. */
class DatasetMatricesTest {

    private static final Dataset DATA = new SyntheticAshGenerator(SyntheticSpec.withSeed(17)).generate(4);

    @Test
    void inputsFollowTheFeatureSetsOrderNotThePapersOxideOrder() {
        FeatureSet features = FeatureSet.of(List.of(MajorOxide.MNO, MajorOxide.AL2O3, MajorOxide.SIO2));
        double[][] x = DATA.inputsMolPct(features);
        assertEquals(DATA.size(), x.length);
        for (int i = 0; i < x.length; i++) {
            var oxides = DATA.get(i).oxides();
            assertArrayEquals(new double[] {oxides.molPct(MajorOxide.MNO), oxides.molPct(MajorOxide.AL2O3),
                    oxides.molPct(MajorOxide.SIO2)}, x[i], 0.0, "row " + i);
        }
        double[][] six = DATA.inputsMolPct(FeatureSet.PAPER_SIX);
        for (int j = 0; j < FeatureSet.PAPER_SIX.size(); j++) {
            assertEquals(DATA.get(1).oxides().molPct(FeatureSet.PAPER_SIX.oxides().get(j)), six[1][j], 0.0);
        }
        x[0][0] = -1;
        assertEquals(DATA.get(0).oxides().molPct(MajorOxide.MNO), DATA.inputsMolPct(features)[0][0], 0.0, "a fresh array");
    }

    @Test
    void targetsAreTotalFirstThenTheSixteenOxidesInPaperOrder() {
        double[][] y = DATA.targetsPpmMol();
        assertEquals(DATA.size(), y.length);
        assertArrayEquals(DATA.totalReePpmMol(), java.util.Arrays.stream(y).mapToDouble(r -> r[0]).toArray(), 0.0);
        for (int i = 0; i < y.length; i++) {
            assertEquals(ReeTargetsPpmMol.COUNT, y[i].length);
            for (int k = 0; k < ReeOxide.COUNT; k++) {
                ReeOxide oxide = ReeOxide.PAPER_ORDER.get(k);
                assertEquals(DATA.get(i).targets().oxides().ppmMol(oxide), y[i][1 + k], 0.0, oxide + " row " + i);
                assertEquals(oxide.formula(), ReeTargetsPpmMol.NAMES.get(1 + k), "names line up with columns");
            }
        }
        assertEquals("total", ReeTargetsPpmMol.NAMES.get(0));
    }

    @Test
    void aSubsetKeepsTheGivenOrder() {
        Dataset picked = DATA.subset("picked", new int[] {3, 0});
        assertEquals(List.of(DATA.get(3), DATA.get(0)), picked.samples());
        assertArrayEquals(DATA.targetsPpmMol()[3], picked.targetsPpmMol()[0], 0.0);
    }
}
