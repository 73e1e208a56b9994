package io.reescreen.bench;

import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.DatasetFiles;
import io.reescreen.model.transfer.SiteSplit;
import io.reescreen.model.transfer.SiteSplits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The shared data files the benchmarks read, by path inside the shared data folder (read in place, never copied
 * into the repository).
 */
public final class BenchData {

    /** Teacher-labelled stand-in for the paper's 99 training rows (labels are model predictions). */
    public static final String TEACHER = "reference/teacher_epri_like_99.csv";
    /** The 12 Polish fly ashes (Franus et al. 2015), measured: the transfer set. */
    public static final String FRANUS = "raw/song2024-mtnn/ree_dataset_franus.csv";
    /** The 10 US rows released with the paper (in its training set). */
    public static final String US_TEN = "raw/song2024-mtnn/ree_dataset_10pct_sample.csv";
    /** The fixed 6/6 splits of the Polish rows (seed0..seed29 and the paper's own). */
    public static final String SPLITS = "reference/franus_splits.csv";

    private final Path dataDir;

    public BenchData(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A dataset file under the data folder, read clean (a bad row fails the read). */
    public Dataset read(String relative) throws IOException {
        return DatasetFiles.readClean(existing(relative));
    }

    /** The fixed splits of the Polish rows, in file order. */
    public List<SiteSplit> splits() throws IOException {
        return SiteSplits.read(existing(SPLITS));
    }

    private Path existing(String relative) throws IOException {
        Path file = dataDir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing " + file + ": point --data-dir at the shared data folder");
        }
        return file;
    }
}
