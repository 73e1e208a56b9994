package io.reescreen.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where the Apicurio Registry server distribution lies on this machine. Maven unpacks it while building
 * this module; if that folder is gone (a {@code mvn clean} of this module alone), the zip in the local
 * Maven repository is unpacked into a cache folder instead. {@code REESCREEN_APICURIO_HOME} or the system
 * property {@code reescreen.apicurio.home} override both.
 */
final class ApicurioDistribution {

    static final String MAIN_CLASS = "io.quarkus.runner.GeneratedMain";

    private final Path home;
    private final String version;

    private ApicurioDistribution(Path home, String version) {
        this.home = home;
        this.version = version;
    }

    static ApicurioDistribution locate() {
        Properties built = builtProperties();
        String version = built.getProperty("apicurio.version");
        List<Path> tried = new ArrayList<>();
        for (String override : new String[] {
                System.getProperty("reescreen.apicurio.home"), System.getenv("REESCREEN_APICURIO_HOME")}) {
            if (override != null && !override.isBlank()) {
                return verified(Paths.get(override), version, List.of(Paths.get(override)));
            }
        }
        Path unpackedByMaven = Paths.get(built.getProperty("apicurio.home"));
        tried.add(unpackedByMaven);
        if (Files.isRegularFile(runner(unpackedByMaven, version))) {
            return new ApicurioDistribution(unpackedByMaven, version);
        }
        Path zip = Paths.get(System.getProperty("user.home"), ".m2", "repository", "io", "apicurio",
                "apicurio-registry-app", version, "apicurio-registry-app-" + version + "-all.zip");
        Path cache = Paths.get(System.getProperty("user.home"), ".cache", "reescreen", "apicurio-registry-" + version);
        tried.add(zip);
        if (!Files.isRegularFile(runner(cache, version)) && Files.isRegularFile(zip)) {
            unzip(zip, cache);
        }
        tried.add(cache);
        return verified(cache, version, tried);
    }

    private static ApicurioDistribution verified(Path home, String version, List<Path> tried) {
        if (!Files.isRegularFile(runner(home, version))) {
            throw new IllegalStateException("Apicurio Registry " + version + " distribution not found (looked in "
                    + tried + "). Build the project once (mvn -pl infra/embedded -am package), or set "
                    + "REESCREEN_APICURIO_HOME to an unpacked apicurio-registry-app-" + version + "-all.zip.");
        }
        return new ApicurioDistribution(home, version);
    }

    private static Path runner(Path home, String version) {
        return home.resolve("apicurio-registry-app-" + version + "-runner.jar");
    }

    private static Properties builtProperties() {
        Properties properties = new Properties();
        try (InputStream in = ApicurioDistribution.class.getResourceAsStream("embedded.properties")) {
            if (in == null) {
                throw new IllegalStateException("embedded.properties missing from the classpath: a broken build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void unzip(Path zip, Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(partial);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    Path out = partial.resolve(entry.getName()).normalize();
                    if (!out.startsWith(partial)) {
                        throw new IOException("zip entry outside the target folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            // Rename last, so a half-unpacked folder is never mistaken for a distribution.
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + target, e);
        }
    }

    Path home() {
        return home;
    }

    Path runnerJar() {
        return runner(home, version);
    }

    String version() {
        return version;
    }
}
