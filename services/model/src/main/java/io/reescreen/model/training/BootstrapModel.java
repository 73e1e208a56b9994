package io.reescreen.model.training;

import io.reescreen.model.artifact.InvalidArtifactException;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.ensemble.EnsembleTrainer;
import io.reescreen.model.ensemble.TrainingSettings;
import io.reescreen.model.predict.PredictionSettings;
import io.reescreen.model.synthetic.SyntheticAshGenerator;
import io.reescreen.model.synthetic.SyntheticSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model in force until a release arrives on models.releases, and where it came from: an artifact file, or an
 * ensemble trained at start-up on the model library's SYNTHETIC reference data (Song et al. Table 1 statistics, not
 * measurements). The screener serves it and the retrainer transfers from it; both name it by {@link #version()}
 * ({@code bootstrap-<label>-<sha>}), so every prediction and every release lineage made with it says so.
 *
 * @param artifact what is served
 * @param label    "synthetic" (trained here), "synthetic-file" (a file whose training summary says synthetic) or "file"
 * @param source   a sentence for logs and {@code GET /model}
 */
public record BootstrapModel(ModelArtifact artifact, String label, String source) {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapModel.class);

    public BootstrapModel {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
    }

    /** What a model served before any release is called, the same in every service given the same artifact. */
    public static final String VERSION_PREFIX = "bootstrap-";

    /** {@code bootstrap-<label>-<first 12 hex digits of the artifact's SHA-256>}. */
    public String version() {
        return version(label, ModelArtifactCodec.sha256Hex(ModelArtifactCodec.encode(artifact)));
    }

    /** {@code bootstrap-<label>-<first 12 hex digits of artifactSha256>}. */
    public static String version(String label, String artifactSha256) {
        if (label == null || label.isBlank() || !label.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("bootstrap label must be a short token, got '" + label + "'");
        }
        return VERSION_PREFIX + label + "-" + artifactSha256.substring(0, 12);
    }

    /** True when the model was trained on synthetic data (here, or as its file's training summary says). */
    public boolean synthetic() {
        return label.startsWith("synthetic");
    }

    /**
     * How a start-up model is trained when no file is given. Defaults: 300 synthetic rows, 10 members, 150 epochs,
     * seed 42 (a few seconds to a minute on a laptop CPU; the paper's 30 x 500 is for models that get released).
     */
    public record SyntheticSpecification(int rows, int members, int epochs, long seed) {

        public static final SyntheticSpecification DEFAULT = new SyntheticSpecification(300, 10, 150, 42L);

        public SyntheticSpecification {
            if (rows < 2 || members < 1 || epochs < 1) {
                throw new IllegalArgumentException("synthetic bootstrap needs rows >= 2, members >= 1, epochs >= 1, got "
                        + rows + " rows, " + members + " members, " + epochs + " epochs");
            }
        }
    }

    /** Reads a model artifact file (the bytes {@code ModelArtifactCodec.encode} writes, e.g. {@code ./reescreen model train}). */
    public static BootstrapModel fromFile(Path file) {
        return fromFile(file, "the bootstrap model file");
    }

    /**
     * As {@link #fromFile(Path)}; errors name {@code setting}, the configuration key the path came from, so the
     * operator knows what to fix.
     */
    public static BootstrapModel fromFile(Path file, String setting) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bootstrap model " + file.toAbsolutePath()
                    + " (" + setting + ")", e);
        }
        ModelArtifact artifact;
        try {
            artifact = ModelArtifactCodec.decode(bytes);
        } catch (InvalidArtifactException e) {
            throw new IllegalArgumentException("the bootstrap model " + file.toAbsolutePath() + " (" + setting
                    + ") is not a model artifact: " + e.getMessage(), e);
        }
        boolean synthetic = Boolean.parseBoolean(artifact.trainingSummary().getOrDefault("synthetic", "false"));
        String source = "artifact file " + file.toAbsolutePath();
        if (synthetic) {
            LOG.warn("Bootstrap model from {} was trained on SYNTHETIC data (its training summary says so): "
                    + "screen with it for testing only, until a release trained on measured data arrives", file);
        } else {
            LOG.info("Bootstrap model from {} ({} members, features {})", file,
                    artifact.weights().shape().members(), artifact.features().formulas());
        }
        return new BootstrapModel(artifact, synthetic ? "synthetic-file" : "file", source);
    }

    /** The training time a synthetic bootstrap records: always the epoch, so its bytes depend on its specification only. */
    static final Clock REPRODUCIBLE_CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    /**
     * Trains an ensemble on synthetic reference data; blocks for the training. The same specification gives the same
     * artifact, so the same {@link #version()}, on every run and in every service.
     */
    public static BootstrapModel trainSynthetic(SyntheticSpecification spec) {
        LOG.warn("No bootstrap model file: training a SYNTHETIC bootstrap model on {} rows of synthetic "
                        + "reference data (not measurements; {} members, {} epochs, seed {}). Its predictions are for "
                        + "testing and demos only, and name a version starting with bootstrap-synthetic-, until a "
                        + "release arrives on models.releases.", spec.rows(),
                spec.members(), spec.epochs(), spec.seed());
        long started = System.nanoTime();
        Dataset data = new SyntheticAshGenerator(SyntheticSpec.withSeed(spec.seed())).generate(spec.rows());
        TrainingRecipe recipe = TrainingRecipe.paper().withMembers(spec.members())
                .withSettings(TrainingSettings.paper().withEpochs(spec.epochs()).withSeed(spec.seed()));
        // The synthetic bootstrap is a function of its specification alone: with the time of training in its summary,
        // every run (and every service) named a different bootstrap-synthetic-<sha>, though the model was the same.
        ModelTraining training = new ModelTraining(recipe, PredictionSettings.defaults(), REPRODUCIBLE_CLOCK);
        int every = Math.max(1, spec.epochs() / 5);
        EnsembleTrainer.Progress progress = (epoch, epochs, loss) -> {
            if (epoch % every == 0 || epoch == epochs) {
                LOG.info("synthetic bootstrap model: epoch {}/{}, mean loss {}", epoch, epochs,
                        String.format("%.4f", loss));
            }
        };
        ModelArtifact artifact;
        // Its intervals hold 90 % of fresh rows from the same generator (another seed), not only the ensemble's spread:
        // an unaffected site's lab values then fall inside as often as promised (issue 12: 4 to 29 % before).
        Dataset calibration = new SyntheticAshGenerator(SyntheticSpec.withSeed(spec.seed() + 1)).generate(spec.rows());
        try (TrainedModel trained = training.trainOnAllRowsCalibratedOn(data, calibration, progress)) {
            artifact = trained.artifact();
        }
        LOG.warn("SYNTHETIC bootstrap model trained in {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return new BootstrapModel(artifact, "synthetic", "trained at start-up on " + data.name() + ", " + spec.rows()
                + " rows, " + spec.members() + " members, " + spec.epochs() + " epochs (SYNTHETIC, not measurements)");
    }
}
