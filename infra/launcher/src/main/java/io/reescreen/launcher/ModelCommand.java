package io.reescreen.launcher;

import io.reescreen.model.evaluation.HoldOutScores;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./reescreen model train|evaluate|transfer|predict|promote|rollback}: the model library for data teams. */
@Command(name = "model",
        description = "train, evaluate, transfer-learn and run the REE model on dataset files",
        customSynopsis = {
                "./reescreen model <train|evaluate|transfer|predict|promote|rollback> [options]",
                "  model train    --data F --out M [--members 30] [--epochs 500] [--seed 42] [--split-seed 0]",
                "                 [--features Al2O3,CaO,Fe2O3,MgO,TiO2,P2O5]",
                "  model evaluate --data F [--repetitions 30] [--members 30] [--epochs 500] [--out table.md]",
                "  model transfer --base M --data F [--splits S] [--out M2] [--epochs 150] [--learning-rate 1e-2]",
                "                 [--anchor 1]",
                "  model predict  --model M --data F [--threshold 157]",
                "  model promote VERSION [--site S] [--model-name ree-mtnn] [--bootstrap-servers H:P]",
                "                [--registry-url U] [--wait-seconds 60]",
                "  model rollback [--site S] [--model-name ree-mtnn] [--bootstrap-servers H:P] [--registry-url U]",
                "                 [--wait-seconds 60]",
                "(./reescreen model <command> --help for each one's options)"},
        subcommands = {ModelTrainCommand.class, ModelEvaluateCommand.class, ModelTransferCommand.class,
                ModelPredictCommand.class, ReleaseCommands.Promote.class, ReleaseCommands.Rollback.class},
        footer = {"Datasets, told apart by their header: the project CSV (services/model/DATASETS.md), the paper's table",
                "layout, or a lab's oxide wt %% table (<oxide>_wtpct_4acid and <El>_ppm columns, as",
                "../shared/data/raw/acarp-whitehaven-reject-ash): a missing SiO2 is taken by difference, '<0.01' is",
                "below detection (LOD/2), as in the stream.",
                "Units: inputs mol %% of the oxides (renormalised over the ten majors), REE in ppm by mole."})
final class ModelCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new UsageError("name one of: " + CommandErrors.names(spec.commandLine()));
    }

    /** Held-out or lab-value scores on one line. */
    static String describe(String what, HoldOutScores s) {
        return String.format(Locale.ROOT, "%s (%d rows): R² %.3f, MAPE %.1f %%, MAE/mean %.1f %%, IoU %.0f %%, "
                        + "precision %.0f %%, recall %.0f %%, 90 %% interval coverage %.0f %% (mean width %.0f %% of the "
                        + "prediction)", what, s.rows(), s.r2(),
                s.mapePct(), s.maeOverMeanPct(), 100 * s.screening().iou(), 100 * s.screening().precision(),
                100 * s.screening().recall(), 100 * s.coverage90(), s.meanWidth90Pct());
    }
}
