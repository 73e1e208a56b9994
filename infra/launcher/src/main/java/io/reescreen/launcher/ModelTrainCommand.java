package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.training.ModelTraining;
import io.reescreen.model.training.TrainedModel;
import io.reescreen.model.training.TrainingRecipe;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./reescreen model train}: the ensemble trained on a dataset file, written as a model artifact. */
@Command(name = "train",
        description = {"train the ensemble on a dataset file and write the model artifact",
                "trains the ensemble on F (the paper's stratified split: the test fifth is held out and",
                "scored into the model's metrics) and writes the model artifact M"})
final class ModelTrainCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--data", paramLabel = "F", required = true, description = "the dataset file")
    private Path data;

    @Option(names = "--out", paramLabel = "M", required = true, description = "the model artifact to write")
    private Path outFile;

    @Option(names = "--split-seed", paramLabel = "N", defaultValue = "0",
            description = "seed of the stratified train/test split (default ${DEFAULT-VALUE})")
    private long splitSeed;

    @Mixin
    private RecipeOptions recipeOptions;

    ModelTrainCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        Dataset dataset = ModelFiles.dataset(data, err);
        TrainingRecipe recipe = recipeOptions.recipe();
        ModelTraining training = new ModelTraining(recipe, PredictionSettings.defaults(), Clock.systemUTC());
        long start = System.nanoTime();
        try (TrainedModel trained = training.train(dataset, splitSeed,
                new EpochProgress(err, "training " + recipe.members() + " members"))) {
            double seconds = (System.nanoTime() - start) / 1e9;
            byte[] bytes = ModelFiles.write(trained.artifact(), outFile);
            out.printf(Locale.ROOT, "trained %d members on %s rows of %s in %.1f s%n", recipe.members(),
                    trained.artifact().trainingSummary().get("rows_trained"), dataset.name(), seconds);
            trained.test().ifPresentOrElse(s -> out.println(ModelCommand.describe("held-out test", s)),
                    () -> out.println("too few rows to hold any out: no test scores"));
            out.printf(Locale.ROOT, "wrote %s (%d bytes, sha256 %s)%n", outFile, bytes.length, ModelArtifactCodec.sha256Hex(bytes));
        }
        return 0;
    }
}
