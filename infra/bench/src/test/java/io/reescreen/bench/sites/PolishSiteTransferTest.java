package io.reescreen.bench.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.bench.BenchData;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.training.EnsembleFitting;
import io.reescreen.model.training.TrainingRecipe;
import io.reescreen.model.transfer.SiteSplit;
import io.reescreen.model.transfer.TransferProtocol;
import io.reescreen.model.transfer.TransferSettings;
import io.reescreen.retrainer.training.RetrainingSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PolishSiteTransferTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void withoutTheSharedDataTheSectionSaysWhatIsMissingAndRunsNothing() throws IOException {
        String md = PolishSiteTransfer.withRetrainerDefaults(QUIET).markdownSection(Path.of("no-such-data-dir"), 30);
        assertTrue(md.startsWith(PolishSiteTransfer.HEADING), md);
        assertTrue(md.contains("Skipped: `no-such-data-dir/" + BenchData.TEACHER + "` is absent"), md);
    }

    @Test
    void aSplitsSixLotsMakeOneAttemptOfSitePlAndAReleasedModelAgreesWithTheLibrarysTransfer() throws IOException {
        String dir = System.getProperty("reescreen.data.dir");
        Assumptions.assumeTrue(dir != null && PolishSiteTransfer.missing(Path.of(dir)).isEmpty(),
                "skipped: the shared data (reescreen.data.dir=" + dir + ") is absent");
        BenchData data = new BenchData(Path.of(dir));
        Dataset site = data.read(BenchData.FRANUS);
        SiteSplit split = data.splits().get(0);
        ModelArtifact base = smallBase(data.read(BenchData.TEACHER));
        // The same transfer recipe on both paths, without the cross-validated residual (fewer transfers to wait for).
        TransferSettings transfer = TransferSettings.defaults().withResidualFolds(0);
        PolishSiteTransfer bench = new PolishSiteTransfer(new RetrainingSettings(200, transfer, TrainingRecipe.paper(),
                2, 0.05, 5, 17L), PredictionSettings.defaults(), QUIET);

        PolishSiteTransfer.SplitRun run = bench.run(base, new TransferProtocol(transfer, PredictionSettings.defaults()),
                site, split);

        assertEquals(6, run.library().transferred().rows());
        assertEquals(run.gate().accepted(), run.siteModel().isPresent(), run.release());
        if (run.siteModel().isPresent()) {
            assertTrue(run.release().startsWith("ree-mtnn@PL transfer-"), run.release());
            assertEquals(run.library().transferred().mapePct(), run.siteModel().get().mapePct(), 1.0,
                    "the site path transfers by the library's recipe from the same base on the same lots");
        } else {
            assertEquals(run.library().zeroShot(), run.served(), "a rejected site keeps the base model");
        }
        String md = PolishSiteTransfer.format(List.of(run), "a small test base", bench.settings());
        assertTrue(md.contains("on " + (run.gate().accepted() ? 1 : 0) + " of 1 seeded splits"), md);
        assertTrue(md.contains("| " + split.id() + " |"), md);
    }

    /** Three members, 40 epochs on the teacher rows: a base in seconds; the protocol, not its accuracy, is tested. */
    private static ModelArtifact smallBase(Dataset teacher) {
        try (ScreeningModel model = EnsembleFitting.fit(teacher, TrainingRecipe.paper().withMembers(3)
                .withSettings(TrainingSettings.paper().withEpochs(40)), EnsembleTrainer.Progress.NONE)) {
            return ModelArtifact.of(model, Map.of(), Map.of());
        }
    }
}
