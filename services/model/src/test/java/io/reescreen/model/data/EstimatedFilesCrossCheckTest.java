package io.reescreen.model.data;

import io.reescreen.model.testing.SharedData;
import io.reescreen.model.units.MajorOxide;
import io.reescreen.model.units.OxideWtPct;
import io.reescreen.model.units.ReeElementPpm;
import io.reescreen.model.units.ReeOxide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The data maintainers' "ESTIMATED" files (shared/data/raw/song2024-mtnn/PROVENANCE.md, "Derived estimates") must
 * follow from the paper's tables by this module's converters: mol % → wt% renormalised over the ten oxides,
 * M̄ = Σx·M/Σx, and ppm mol → element ppm with "ppm mol" = mol REO per 10⁶ mol of ash oxides.
 *
 * <p>Tolerances: the files are rounded to 3 decimals (wt%, M̄) and 2 decimals (ppm); on top of that they were made
 * with a slightly older atomic-weight table (their M̄ sits ~0.001 g/mol above ours, consistent with O = 15.9994
 * instead of 15.999), a ~1.5e-5 relative effect. A real unit error (mass vs mole, Ce2O3 for CeO2, one cation
 * instead of two) is ≥ 10 % and fails at once.
 */
class EstimatedFilesCrossCheckTest {

    private static final double WT_PCT_ABS = 0.0005 + 0.001;
    private static final double MEAN_MASS_ABS = 0.0005 + 0.0015;
    private static final double PPM_ABS = 0.005;
    private static final double PPM_REL = 5e-5;

    @ParameterizedTest
    @CsvSource({
        "ree_dataset_franus.csv, ree_dataset_franus_wtpct_ppm_ESTIMATED.csv, Sample Name",
        "ree_dataset_10pct_sample.csv, ree_dataset_10pct_sample_wtpct_ppm_ESTIMATED.csv, sample_id"})
    void estimatedFilesAreReproducedByTheConverters(String table, String estimated, String idColumn)
            throws IOException {
        Path dir = SharedData.dir().resolve("raw/song2024-mtnn");
        Path tableFile = SharedData.file("raw/song2024-mtnn/" + table);
        Dataset dataset = PaperTableReader.measured().withMode(ReadMode.STRICT).read(tableFile).value();
        CsvTable expected = CsvTable.read(dir.resolve(estimated));
        assertEquals(dataset.size(), expected.rows().size(), "row count");

        int checked = 0;
        for (int r = 0; r < dataset.size(); r++) {
            LabelledSample sample = dataset.get(r);
            CsvTable.Row row = expected.rows().get(r);
            assertEquals(sample.sampleId(), cell(expected, row, idColumn), "rows in the same order");

            OxideWtPct wt = sample.oxides().toWtPct();
            for (MajorOxide o : MajorOxide.values()) {
                assertEquals(number(expected, row, o.formula() + "_wt_norm"), wt.wtPct(o), WT_PCT_ABS,
                        sample.sampleId() + " " + o.formula() + " wt%");
                checked++;
            }
            assertEquals(number(expected, row, "Mavg_g_per_mol"), sample.oxides().meanMolarMassGPerMol(),
                    MEAN_MASS_ABS, sample.sampleId() + " mean molar mass");

            ReeElementPpm ppm = sample.targets().oxides().toElementPpm(sample.oxides());
            for (ReeOxide o : ReeOxide.values()) {
                double want = number(expected, row, o.element().symbol() + "_ppm_est");
                assertEquals(want, ppm.ppm(o.element()), PPM_ABS + PPM_REL * want,
                        sample.sampleId() + " " + o.element().symbol() + " ppm");
                checked++;
            }
        }
        assertEquals(dataset.size() * (MajorOxide.COUNT + ReeOxide.COUNT), checked);
    }

    private static String cell(CsvTable table, CsvTable.Row row, String column) {
        int i = table.columnIndex(column);
        if (i < 0) {
            throw new AssertionError("column " + column + " missing from " + table.source());
        }
        return row.cells().get(i);
    }

    private static double number(CsvTable table, CsvTable.Row row, String column) {
        return Double.parseDouble(cell(table, row, column));
    }
}
