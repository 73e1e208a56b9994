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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data team's commands end to end on small synthetic files: train, predict, transfer, evaluate. */
class ModelCommandTest {

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
        assertEquals(1, run("model", "predict", "--model", corrupt.toString(), "--data", site.toString()));
        assertTrue(err().contains("checksum"), err());
        assertEquals(1, run("model", "predict", "--model", dir.resolve("none.model").toString(), "--data", site.toString()));
        assertTrue(err().contains("no model artifact"), err());
    }
}
