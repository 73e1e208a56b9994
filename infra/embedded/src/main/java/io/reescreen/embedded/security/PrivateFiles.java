package io.reescreen.embedded.security;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Files and folders that hold secrets: readable by their owner only, from the moment they exist. */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Makes {@code file} anew, empty and mode 600, before anything is written to it. */
    public static void create(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (isPosix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    public static void writeText(Path file, String text) throws IOException {
        create(file);
        Files.writeString(file, text);
    }

    /** {@code settings} as a properties file (sorted, under a comment line), as java.util.Properties reads it back. */
    public static void writeProperties(Path file, String comment, Map<String, ?> settings) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# " + comment);
        new TreeMap<>(settings).forEach((key, value) ->
                lines.add(key + "=" + String.valueOf(value).replace("\\", "\\\\")));
        writeText(file, String.join("\n", lines) + "\n");
    }

    /** Mode 700: only the owner may list or enter {@code dir}. */
    public static void restrictDirectory(Path dir) throws IOException {
        if (isPosix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
