package io.reescreen.launcher;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.DatasetFiles;
import io.reescreen.model.data.ReadResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reading datasets and model artifacts named on the command line, writing artifacts atomically. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** Reads a dataset; skipped bad rows are listed on {@code err} with their line numbers. */
    static Dataset dataset(Path file, PrintStream err) throws IOException {
        ReadResult<Dataset> result = DatasetFiles.read(file);
        result.problems().forEach(p -> err.println("warning: " + file + ": skipped " + p));
        Dataset data = result.value();
        if (data.size() == 0) {
            throw new IOException(file + " has no usable rows");
        }
        err.printf(Locale.ROOT, "read %s: %d rows (%s)%n", file, data.size(), data.origins());
        return data;
    }

    static ModelArtifact artifact(Path file) throws IOException, io.reescreen.model.artifact.InvalidArtifactException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no model artifact at " + file.toAbsolutePath());
        }
        return ModelArtifactCodec.decode(Files.readAllBytes(file));
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
