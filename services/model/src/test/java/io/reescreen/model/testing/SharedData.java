package io.reescreen.model.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Locates the read-only shared data (never copied into the repository). The build sets system property
 * {@code reescreen.data.dir}; where it is unset or the directory is absent, data-dependent tests are skipped
 * with a message saying why.
 */
public final class SharedData {

    public static final String PROPERTY = "reescreen.data.dir";

    private SharedData() {
    }

    public static Path dir() {
        String value = System.getProperty(PROPERTY);
        assumeTrue(value != null && !value.isBlank(),
                "skipped: system property " + PROPERTY + " is not set (the Maven build sets it to ../shared/data)");
        Path dir = Path.of(value);
        assumeTrue(Files.isDirectory(dir), "skipped: shared data directory " + dir + " does not exist");
        return dir;
    }

    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "skipped: shared data file " + file + " does not exist");
        return file;
    }
}
