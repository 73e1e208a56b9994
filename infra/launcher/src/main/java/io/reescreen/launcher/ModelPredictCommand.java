package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.ScreeningInput;
import io.reescreen.model.data.ScreeningTable;
import io.reescreen.model.evaluation.HoldOutScores;
import io.reescreen.model.predict.LotPrediction;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.predict.ScreeningModel;
import io.reescreen.model.units.MajorOxide;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./reescreen model predict}: every row of a dataset file screened, and scored where it has lab values. */
@Command(name = "predict",
        description = {"screen every row of a dataset file, scored against its lab values where it has them",
                "screens every row of F: total REE with its 90 %% interval, P(total >= threshold), the",
                "out-of-domain flag, the oxide taken by difference (if any) and the strongest attribution;",
                "scores them where F has lab values"})
final class ModelPredictCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--model", paramLabel = "M", required = true, description = "the model artifact")
    private Path modelFile;

    @Option(names = "--data", paramLabel = "F", required = true, description = "the dataset file")
    private Path data;

    @Option(names = "--threshold", paramLabel = "PPM_MOL",
            description = "the screening threshold, total REE in ppm mol (default 157)")
    private Double threshold;

    ModelPredictCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        ModelArtifact artifact = ModelFiles.artifact(modelFile);
        ScreeningTable table = ModelFiles.screeningTable(data, terminal.err());
        PredictionSettings defaults = PredictionSettings.defaults();
        PredictionSettings settings = defaults.withThreshold(threshold == null ? defaults.thresholdTotalReePpmMol() : threshold);
        List<String> features = artifact.features().formulas();
        try (ScreeningModel model = artifact.load()) {
            List<LotPrediction> predictions = model.predictBatch(table.inputsMolPct(artifact.features()), null, settings);
            out.printf(Locale.ROOT, "%-16s %10s %10s %21s %8s %4s %-8s  %s%n", "sample", "lab", "predicted",
                    "90 % interval", "P(high)", "OOD", "by diff", "strongest attribution");
            for (int i = 0; i < table.rows().size(); i++) {
                LotPrediction p = predictions.get(i);
                double[] phi = p.attributionsPpmMol();
                int top = 0;
                for (int j = 1; j < phi.length; j++) {
                    top = Math.abs(phi[j]) > Math.abs(phi[top]) ? j : top;
                }
                ScreeningInput row = table.rows().get(i);
                String byDifference = row.oxides().provenance().byDifference().map(MajorOxide::formula).orElse("-");
                String lab = row.lab().map(t -> String.format(Locale.ROOT, "%.1f", t.totalReePpmMol())).orElse("-");
                out.printf(Locale.ROOT, "%-16s %10s %10.1f %10.1f – %8.1f %8.2f %4s %-8s  %s %+.1f%n",
                        row.sampleId(), lab, p.total().meanPpmMol(), p.total().p05PpmMol(),
                        p.total().p95PpmMol(), p.probTotalAtOrAboveThreshold(), p.outOfDomain() ? "yes" : "no",
                        byDifference, features.get(top), phi[top]);
            }
            out.printf(Locale.ROOT, "total REE in ppm mol; P(high) = P(total >= %.0f ppm mol); OOD = outside the "
                    + "model's training domain; by diff = the oxide taken as 100 - sum(others) wt %% (not reported)%n",
                    settings.thresholdTotalReePpmMol());
            Dataset labelled = table.labelled();
            if (labelled.size() >= 2) {
                out.println(ModelCommand.describe("scored against the file's lab values",
                        HoldOutScores.score(model, labelled, settings)));
            }
        }
        return 0;
    }
}
