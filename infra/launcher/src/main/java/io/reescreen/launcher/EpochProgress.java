package io.reescreen.launcher;

import io.reescreen.model.ensemble.EnsembleTrainer;

import java.io.PrintStream;
import java.util.Locale;

/** Prints training progress at every tenth of the epochs, so a long run shows it is alive and how far. */
final class EpochProgress implements EnsembleTrainer.Progress {

    private final PrintStream err;
    private final String what;
    private final long start = System.nanoTime();

    EpochProgress(PrintStream err, String what) {
        this.err = err;
        this.what = what;
    }

    @Override
    public void epochDone(int epoch, int epochs, double meanLoss) {
        if (epoch == epochs || epoch % Math.max(1, epochs / 10) == 0) {
            err.printf(Locale.ROOT, "%s: epoch %d/%d, training loss %.4f, %.1f s%n", what, epoch, epochs, meanLoss,
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
