package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.artifact.InvalidArtifactException;
import io.reescreen.model.data.DatasetFiles;
import io.reescreen.model.data.DatasetFormatException;
import io.reescreen.model.data.ReadResult;
import io.reescreen.model.data.ScreeningTable;
import io.reescreen.model.transfer.SiteSplit;
import io.reescreen.model.transfer.SiteSplits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reading datasets and model artifacts named on the command line, writing artifacts atomically. */
final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Reads a dataset; skipped bad rows are listed on {@code err} with their line numbers.
     *
     * @throws UserError when the file is missing, unreadable, in no known format, or has no usable row
     */
    static Dataset dataset(Path file, PrintStream err) {
        ReadResult<Dataset> result;
        try {
            result = DatasetFiles.read(file);
        } catch (DatasetFormatException e) {
            throw UserError.of(e);
        } catch (IOException e) {
            throw new UserError(unreadable(file, e));
        }
        result.problems().forEach(p -> err.println("warning: " + file + ": skipped " + p));
        Dataset data = result.value();
        if (data.size() == 0) {
            throw new UserError(file + " has no usable rows");
        }
        err.printf(Locale.ROOT, "read %s: %d rows (%s)%n", file, data.size(), data.origins());
        return data;
    }

    /**
     * A file to screen, in any format {@link DatasetFiles#readForPrediction} takes (oxide tables as instruments export
     * them included); what was read, how, and the columns left out are said once on {@code err}.
     */
    static ScreeningTable screeningTable(Path file, PrintStream err) {
        ReadResult<ScreeningTable> result;
        try {
            result = DatasetFiles.readForPrediction(file);
        } catch (DatasetFormatException e) {
            throw UserError.of(e);
        } catch (IOException e) {
            throw new UserError(unreadable(file, e));
        }
        result.problems().forEach(p -> err.println("warning: " + file + ": skipped " + p));
        ScreeningTable table = result.value();
        if (table.rows().isEmpty()) {
            throw new UserError(file + " has no usable rows");
        }
        err.printf(Locale.ROOT, "read %s: %d rows (%s)%n", file, table.rows().size(), table.origins());
        err.println("  as " + table.description());
        if (!table.ignoredColumns().isEmpty()) {
            err.println("ignored columns: " + String.join(", ", table.ignoredColumns()));
        }
        return table;
    }

    /** @throws UserError when the file is missing, unreadable or not a valid artifact (e.g. a checksum mismatch) */
    static ModelArtifact artifact(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no model artifact at " + file.toAbsolutePath());
        }
        try {
            return ModelArtifactCodec.decode(Files.readAllBytes(file));
        } catch (InvalidArtifactException e) {
            throw new UserError(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError(unreadable(file, e));
        }
    }

    /** The transfer protocol's fixed splits. @throws UserError when the file is missing or malformed */
    static List<SiteSplit> splits(Path file) {
        try {
            return SiteSplits.read(file);
        } catch (DatasetFormatException e) {
            throw UserError.of(e);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError(unreadable(file, e));
        }
    }

    private static String unreadable(Path file, IOException e) {
        return e instanceof NoSuchFileException ? "no such file " + file.toAbsolutePath()
                : "cannot read " + file + ": " + e.getMessage();
    }

    /** Writes through a temporary file and a rename, so a reader never sees half an artifact. */
    static byte[] write(ModelArtifact artifact, Path file) throws IOException {
        byte[] bytes = ModelArtifactCodec.encode(artifact);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return bytes;
    }
}
