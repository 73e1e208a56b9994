package io.reescreen.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** The passwords a secured stack keeps in its work folder: what no output of a command may show. */
final class StackPasswords {

    private StackPasswords() {
    }

    /** Every value of {@code <work>/security/passwords.properties} whose key names a password. */
    static List<String> of(Path workDir) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(workDir.resolve("security").resolve("passwords.properties"))) {
            properties.load(in);
        }
        return properties.stringPropertyNames().stream().filter(key -> key.endsWith("password"))
                .map(properties::getProperty).toList();
    }
}
