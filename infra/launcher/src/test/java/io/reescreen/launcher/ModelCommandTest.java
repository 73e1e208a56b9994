package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.ProjectCsv;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The data team's commands end to end on small synthetic files: train, predict, transfer, evaluate. */
class ModelCommandTest {

    private static final String OXIDE_WT_PCT_HEADER = "sample,Al2O3_wtpct_4acid,CaO_wtpct_4acid,Fe2O3_wtpct_4acid,"
            + "MgO_wtpct_4acid,TiO2_wtpct_4acid,P2O5_wtpct_4acid,K2O_wtpct_4acid,Na2O_wtpct_4acid,MnO_wtpct_4acid,"
            + "La_ppm,Ce_ppm,Pr_ppm,Nd_ppm,Sm_ppm,Eu_ppm,Gd_ppm,Tb_ppm,Dy_ppm,Ho_ppm,Er_ppm,Tm_ppm,Yb_ppm,Lu_ppm,Y_ppm,"
            + "Sc_ppm,Seam,Fraction,Ash_ad_pct";
    private static final String REE_PPM = "32.4,69.1,7.56,29.3,5.55,1.32,5.11,0.72,5.14,0.92,2.96,0.4,2.85,0.39,25.9,25.8";

    @TempDir
    static Path dir;
    private static Path data;
    private static Path site;
    private static Path model;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void files() throws Exception {
        data = dir.resolve("train.csv");
        ProjectCsv.write(new SyntheticAshGenerator(SyntheticSpec.withSeed(11)).generate(40), data);
        site = dir.resolve("site.csv");
        ProjectCsv.write(new SyntheticAshGenerator(SyntheticSpec.withSeed(12).withSiteBias(1.3)).generate(8), site);
        model = dir.resolve("base.model");
        ModelCommandTest first = new ModelCommandTest();
        assertEquals(0, first.run("model", "train", "--data", data.toString(), "--out", model.toString(),
                "--members", "3", "--epochs", "8"), first.err());
    }

    private int run(String... args) {
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainWritesAnArtifactWithItsHeldOutScores() throws Exception {
        ModelArtifact artifact = ModelArtifactCodec.decode(Files.readAllBytes(model));
        assertEquals(3, artifact.weights().shape().members());
        assertEquals("true", artifact.trainingSummary().get("synthetic"), "synthetic data says so in the model");
        assertEquals(40, Integer.parseInt(artifact.trainingSummary().get("rows_trained"))
                + Integer.parseInt(artifact.trainingSummary().get("rows_test")));
        assertTrue(artifact.metrics().containsKey("test_r2_total_ratio"), artifact.metrics().toString());
    }

    @Test
    void predictScreensEveryRow() {
        assertEquals(0, run("model", "predict", "--model", model.toString(), "--data", site.toString()), err());
        long rows = out().lines().filter(l -> l.startsWith("SYN-")).count();
        assertEquals(8, rows, out());
        assertTrue(out().contains("P(high)") && out().contains("scored against the file's lab values"), out());
    }

    @Test
    void transferRunsTheSplitProtocolAndWritesTheTransferredModel() throws Exception {
        Path splits = dir.resolve("splits.csv");
        Files.writeString(splits, "split_id,seed,train_rows,test_rows\na,0,0;1;2;3,4;5;6;7\npaper,-1,4;5;6;7,0;1;2;3\n");
        Path transferred = dir.resolve("site.model");
        assertEquals(0, run("model", "transfer", "--base", model.toString(), "--data", site.toString(), "--splits",
                splits.toString(), "--out", transferred.toString(), "--epochs", "5"), err());
        assertTrue(out().contains("zero-shot") && out().contains("The paper's own split"), out());
        assertTrue(err().contains("split a (1/2)"), "progress per split: " + err());
        ModelArtifact base = ModelArtifactCodec.decode(Files.readAllBytes(model));
        ModelArtifact site = ModelArtifactCodec.decode(Files.readAllBytes(transferred));
        assertEquals(ModelArtifactCodec.sha256Hex(Files.readAllBytes(model)), site.trainingSummary().get("parent_sha256"));
        assertNotEquals(base.weights(), site.weights());
    }

    @Test
    void evaluatePrintsTheComparisonTable() {
        assertEquals(0, run("model", "evaluate", "--data", data.toString(), "--repetitions", "1", "--members", "2",
                "--epochs", "3"), err());
        for (String row : new String[] {"linear regression", "single-task NN", "multi-task NN", "multi-task ensemble of 2"}) {
            assertTrue(out().contains(row), out());
        }
        assertTrue(err().contains("repetition 1/1"), err());
    }

    @Test
    void misuseIsAUsageError() {
        assertEquals(2, run("model"));
        assertEquals(2, run("model", "fly"));
        assertEquals(2, run("model", "train", "--data", data.toString()));
        assertTrue(err().contains("--out is required"), err());
        assertEquals(2, run("model", "transfer", "--base", model.toString(), "--data", site.toString()));
    }

    @Test
    void aMissingOrCorruptModelIsAClearError() throws Exception {
        Path corrupt = dir.resolve("corrupt.model");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(corrupt, bytes);
        assertEquals(2, run("model", "predict", "--model", corrupt.toString(), "--data", site.toString()));
        assertTrue(err().contains("checksum"), err());
        assertEquals(1, err().lines().count(), "one line, no stack trace: " + err());
        assertEquals(2, run("model", "predict", "--model", dir.resolve("none.model").toString(), "--data", site.toString()));
        assertTrue(err().contains("no model artifact"), err());
    }

    @Test
    void anUnsupportedCsvIsOneLineAndExitTwoWithoutAStackTrace() throws Exception {
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "a,b,c\n1,2,3\n");
        assertEquals(2, run("model", "predict", "--model", model.toString(), "--data", other.toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("reescreen model predict: " + other + ": line 1: not a project CSV"), err());
        assertTrue(!err().contains("Exception") && !err().contains("\tat "), err());
        assertEquals("", out());
    }

    @Test
    void aUsageErrorIsOneLineNamingTheHelp() {
        assertEquals(2, run("model", "predict", "--model", model.toString(), "--dta", site.toString()));
        assertEquals(List.of("reescreen model predict: unknown option --dta (./reescreen model predict --help for the options)"),
                err().lines().toList());
    }

    @Test
    void predictReadsAnOxideWtPctTableTakingSilicaByDifference() throws Exception {
        Path xrf = dir.resolve("xrf.csv");
        Files.writeString(xrf, OXIDE_WT_PCT_HEADER + "\n"
                + "ASH-1,21.0,0.5,4.2,0.6,1.0,0.1,1.8,0.2,<0.01," + REE_PPM + ",L1,Coarse,63.3\n"
                + "CALCITE-1,2.0,50.0,4.2,0.6,1.0,0.1,1.8,0.2,0.01," + REE_PPM + ",L1,Coarse,63.3\n");
        assertEquals(0, run("model", "predict", "--model", model.toString(), "--data", xrf.toString()), err());
        Map<String, PredictRow> rows = PredictRow.parse(out());
        assertEquals(Set.of("ASH-1", "CALCITE-1"), rows.keySet(), out());
        rows.values().forEach(r -> assertEquals("SiO2", r.byDifference(), r.line()));
        assertEquals("yes", rows.get("CALCITE-1").outOfDomain(), "50 wt% CaO is no fly ash: " + out());
        assertTrue(out().contains("total REE in ppm mol") && out().contains("by diff = the oxide taken as 100 - sum"),
                out());
        assertTrue(err().contains("read " + xrf + ": 2 rows ([MEASURED])"), err());
    }

    @Test
    void predictScreensAnInstrumentExportWithItsOwnHeadersSeparatorAndDecimalComma() throws Exception {
        Path export = dir.resolve("xrf-export.csv");
        Files.writeString(export, """
                Sample ID;Date;AL2O3 %;CaO (wt %);Fe2O3T;MgO [wt.%];Na2O %;K2O %;TiO2 %;P2O5 %;MnO %
                YARD-7;2026-12-01;25,3;3,2;6,4;1,5;0,8;2,4;1,2;0,2;0,05
                YARD-8;2026-12-01;27,1;2,9;5,8;1,3;0,7;2,1;1,1;0,3;0,04
                """);
        assertEquals(0, run("model", "predict", "--model", model.toString(), "--data", export.toString()), err());
        Map<String, PredictRow> rows = PredictRow.parse(out());
        assertEquals(Set.of("YARD-7", "YARD-8"), rows.keySet(), out());
        rows.values().forEach(r -> {
            assertEquals("SiO2", r.byDifference(), "no SiO2 column: " + r.line());
            assertTrue(Double.isNaN(r.labPpmMol()), "no lab values, shown as '-': " + r.line());
        });
        assertTrue(err().contains("read " + export + ": 2 rows ([MEASURED])"), err());
        assertTrue(err().contains("ignored columns: Date"), err());
        assertTrue(!out().contains("scored against"), "nothing to score against: " + out());
    }

    @Test
    void predictScreensTheSharedWhitehavenRejectAshes() {
        Path whitehaven = sharedData("raw/acarp-whitehaven-reject-ash/whitehaven_reject_ash_tidy.csv");
        assertEquals(0, run("model", "predict", "--model", model.toString(), "--data", whitehaven.toString()), err());
        Map<String, PredictRow> rows = PredictRow.parse(out());
        assertEquals(8, rows.size(), out());
        for (PredictRow r : rows.values()) {
            assertEquals("SiO2", r.byDifference(), "four-acid digestion reports no Si: " + r.line());
            assertTrue(r.labPpmMol() > 50 && r.labPpmMol() < 400, "lab total, ppm mol: " + r.line());
            // Whether reject ash is in this synthetic model's domain is the model's business; the flag must show.
            assertTrue(Set.of("yes", "no").contains(r.outOfDomain()), r.line());
        }
        assertTrue(out().contains("total REE in ppm mol"), out());
        assertTrue(out().contains("scored against the file's lab values (8 rows)"), out());
    }

    private static Path sharedData(String relative) {
        String dirProperty = System.getProperty("reescreen.data.dir");
        assumeTrue(dirProperty != null && Files.isRegularFile(Path.of(dirProperty, relative)),
                "skipped: shared data file " + relative + " not found under reescreen.data.dir=" + dirProperty
                        + " (the Maven build sets it to ../shared/data)");
        return Path.of(dirProperty, relative);
    }

    /** One row of {@code model predict}'s table, by column. */
    private record PredictRow(String line, double labPpmMol, String outOfDomain, String byDifference) {

        static Map<String, PredictRow> parse(String out) {
            Map<String, PredictRow> rows = new LinkedHashMap<>();
            // sample, lab, predicted, p05, "–", p95, P(high), OOD, by diff, attribution...
            out.lines().map(l -> l.trim().split("\\s+")).filter(c -> c.length >= 9 && c[4].equals("–"))
                    .forEach(c -> rows.put(c[0], new PredictRow(String.join(" ", c),
                            c[1].equals("-") ? Double.NaN : Double.parseDouble(c[1]), c[7], c[8])));
            return rows;
        }
    }
}
