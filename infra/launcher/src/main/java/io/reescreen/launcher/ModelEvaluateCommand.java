package io.reescreen.launcher;

import io.reescreen.model.comparison.ComparisonSettings;
import io.reescreen.model.comparison.ComparisonTable;
import io.reescreen.model.comparison.PaperComparison;
import io.reescreen.model.data.Dataset;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./reescreen model evaluate}: the paper's comparison of four models on one dataset file. */
@Command(name = "evaluate",
        description = {"the paper's comparison of four models on a dataset file",
                "the paper's comparison on F: linear regression, single-task NN, multi-task NN and the",
                "ensemble on the same stratified splits; R², MAPE, IoU/precision/recall at the threshold,",
                "noise sensitivity at 2 %% and 4 %%"})
final class ModelEvaluateCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Option(names = "--data", paramLabel = "F", required = true, description = "the dataset file")
    private Path data;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "30",
            description = "stratified splits compared (default ${DEFAULT-VALUE})")
    private int repetitions;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table (Markdown) to FILE")
    private Path outFile;

    @Mixin
    private RecipeOptions recipeOptions;

    ModelEvaluateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = terminal.err();
        Dataset dataset = ModelFiles.dataset(data, err);
        ComparisonSettings settings = ComparisonSettings.paper().withRepetitions(repetitions)
                .withEnsemble(recipeOptions.recipe());
        long start = System.nanoTime();
        ComparisonTable table = new PaperComparison(settings).run(dataset, (done, of) ->
                err.printf(Locale.ROOT, "repetition %d/%d done, %.0f s%n", done, of, (System.nanoTime() - start) / 1e9));
        String text = table.format();
        terminal.out().print(text);
        if (outFile != null) {
            Files.writeString(outFile, text);
        }
        return 0;
    }
}
