package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The synthetic bootstrap model the demo and the service commands start with, as a file: trained once (the demo's
 * small specification, seed 42) and reused on every later start, so a restarted service serves again in seconds and
 * names the same {@code bootstrap-synthetic-<sha>} as before.
 */
final class BootstrapModelFile {

    /** Small enough to train in 5 to 20 s on 2 cores; the same for the demo, the screener and the retrainer. */
    static final BootstrapModel.SyntheticSpecification DEMO_SPECIFICATION =
            new BootstrapModel.SyntheticSpecification(200, 10, 60, 42L);

    private BootstrapModelFile() {
    }

    /**
     * Trains the bootstrap model into {@code file} unless the file is there already. An existing file is not read here:
     * the service reads it (and says what is wrong with it) as it starts, and a restart must not pay for it twice.
     */
    static void ensure(Path file, PrintStream out) throws IOException {
        if (Files.isRegularFile(file)) {
            out.println("Bootstrap model from " + file);
            return;
        }
        out.println("Training a small SYNTHETIC bootstrap model (once; kept in " + file + " for later starts)...");
        long started = System.nanoTime();
        BootstrapModel trained = BootstrapModel.trainSynthetic(DEMO_SPECIFICATION);
        Files.createDirectories(file.toAbsolutePath().getParent());
        // Written aside and moved: a service started beside this one never reads half a file.
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), "bootstrap", ".partial");
        Files.write(partial, ModelArtifactCodec.encode(trained.artifact()));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.printf(Locale.ROOT, "Bootstrap model trained in %.1f s (served as bootstrap-synthetic-file-%s)%n",
                (System.nanoTime() - started) / 1e9, ModelArtifactCodec.sha256Hex(Files.readAllBytes(file)).substring(0, 12));
    }
}
