package io.reescreen.embedded;

import io.reescreen.embedded.security.PrivateFiles;
import io.reescreen.embedded.security.StackSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry as a child JVM on a loopback port, storing its schemas as {@link RegistryStorage} says
 * (durably in a Kafka topic by default in {@link EmbeddedStack}). The child runs behind {@link ParentWatchdog}, and a
 * shutdown hook stops it, so it never outlives this JVM. Secured ({@link #launchSecured}), it serves HTTPS only and
 * asks for the stack's registry user ({@link RegistrySecurity}).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    /** Quarkus reads this file below its working directory: where the secured settings go, never the command line. */
    private static final String CONFIG_FILE = "config/application.properties";

    private final Process process;
    private final int port;
    private final Path workDir;
    private final RegistryStorage storage;
    private final RegistrySecurity access;
    private final Path logFile;
    private final Thread shutdownHook;
    private volatile Duration startupTime = Duration.ZERO;

    private EmbeddedSchemaRegistry(Process process, int port, Path workDir, RegistryStorage storage,
                                   RegistrySecurity access, Path logFile) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.storage = storage;
        this.access = access;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopProcess, "embedded-registry-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a registry with in-memory storage on {@code port} (0 picks a free one); see {@link #awaitReady}. */
    public static EmbeddedSchemaRegistry launch(Path workDir, int port) {
        return launch(workDir, port, RegistryStorage.inMemory());
    }

    /**
     * Starts the registry on {@code port} (0 picks a free one) and returns at once; see {@link #awaitReady}. With
     * KafkaSQL storage the broker need not be up yet: the registry's Kafka clients wait for it.
     */
    public static EmbeddedSchemaRegistry launch(Path workDir, int port, RegistryStorage storage) {
        return launch(workDir, port, storage, RegistrySecurity.open());
    }

    /**
     * As {@link #launch(Path, int, RegistryStorage)}, serving HTTPS only on {@code port} with the stack's registry
     * certificate, and answering only requests with the stack's registry user's basic credentials.
     */
    public static EmbeddedSchemaRegistry launchSecured(Path workDir, int port, RegistryStorage storage,
                                                       StackSecurity security) {
        return launch(workDir, port, storage, RegistrySecurity.secured(security));
    }

    static EmbeddedSchemaRegistry launch(Path workDir, int port, RegistryStorage storage, RegistrySecurity access) {
        ApicurioDistribution distribution = ApicurioDistribution.locate();
        int httpPort = FreePort.pickIfZero(port);
        try {
            Files.createDirectories(workDir);
            writeSecretSettings(workDir, access, storage);
            Path logFile = workDir.resolve("apicurio-registry.log");
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xms64m");
            command.add("-Xmx512m");
            command.add("-XX:TieredStopAtLevel=1"); // starts faster; the registry's load here is small
            access.publicProperties(httpPort).forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-Dquarkus.log.level=INFO");
            command.addAll(storage.systemProperties(workDir));
            command.add("-cp");
            command.add(watchdogClasspath() + java.io.File.pathSeparator + distribution.runnerJar());
            command.add(ParentWatchdog.class.getName());
            command.add(String.valueOf(ProcessHandle.current().pid()));
            command.add(ApicurioDistribution.MAIN_CLASS);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            LOG.info("Apicurio Registry {} starting on port {}, storage {} (pid {}, log {})",
                    distribution.version(), httpPort, storage, process.pid(), logFile);
            return new EmbeddedSchemaRegistry(process, httpPort, workDir, storage, access, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Apicurio Registry child process", e);
        }
    }

    /**
     * Writes the secured settings to the child's configuration file (mode 600), or removes a file an earlier secured
     * run left, so an open registry on the same folder is open indeed.
     */
    private static void writeSecretSettings(Path workDir, RegistrySecurity access, RegistryStorage storage)
            throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>(access.secretProperties());
        secrets.putAll(storage.secretProperties());
        Path file = workDir.resolve(CONFIG_FILE);
        Files.deleteIfExists(file);
        if (secrets.isEmpty()) {
            return;
        }
        Files.createDirectories(file.getParent());
        PrivateFiles.writeProperties(file, "Written by the embedded stack on each start; secrets: owner only.", secrets);
    }

    /** Starts the registry and waits until it reports ready. */
    public static EmbeddedSchemaRegistry start(Path workDir, int port, Duration timeout) {
        long started = System.nanoTime();
        EmbeddedSchemaRegistry registry = launch(workDir, port);
        registry.awaitReady(timeout, started);
        return registry;
    }

    /** Blocks until {@code /health/ready} answers 200; fails fast with the log's tail if the child dies. */
    public void awaitReady(Duration timeout, long launchedAtNanos) {
        HttpClient http = access.httpClient();
        HttpRequest ready = HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                close();
                throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + logFile + ":\n" + tail(40));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startupTime = Duration.ofNanos(System.nanoTime() - launchedAtNanos);
                    LOG.info("Apicurio Registry ready at {} in {} ms", baseUrl(), startupTime.toMillis());
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("Apicurio Registry not ready after " + timeout.toSeconds() + " s; last lines of "
                + logFile + ":\n" + tail(40));
    }

    /**
     * The same registry again after {@link #close()} (a stop, e.g. an operator's restart): a new process on the same
     * port and storage, launched at once; see {@link #awaitReady}.
     */
    public EmbeddedSchemaRegistry relaunch() {
        if (process.isAlive()) {
            throw new IllegalStateException("the registry at " + baseUrl() + " still runs; close it first");
        }
        return launch(workDir, port, storage, access);
    }

    public RegistryStorage storage() {
        return storage;
    }

    /** Sets the compatibility level every subject inherits, through the Confluent-compatible API. */
    public void setGlobalCompatibility(String level) {
        putConfig("/apis/ccompat/v7/config", level);
    }

    /**
     * Sets one subject's compatibility level, overriding the global one; the registry keeps it for a subject that
     * has no schema yet, so it holds from the first registration on.
     */
    public void setSubjectCompatibility(String subject, String level) {
        putConfig("/apis/ccompat/v7/config/" + subject, level);
    }

    private void putConfig(String path, String level) {
        HttpRequest put = access.authorize(HttpRequest.newBuilder(uri(path)))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        try {
            HttpResponse<String> response = access.httpClient().send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("registry refused compatibility " + level + " at " + path + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** e.g. {@code http://127.0.0.1:8080}, or {@code https://...} when secured */
    public String baseUrl() {
        return access.baseUrl(port);
    }

    public boolean isSecured() {
        return access.isSecured();
    }

    /** The registry's own API, which Apicurio's serdes talk to. */
    public String coreApiUrl() {
        return baseUrl() + "/apis/registry/v3";
    }

    /** The Confluent-compatible API, for clients that use Confluent's serializers. */
    public String confluentCompatibleUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Duration startupTime() {
        return startupTime;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran; nothing to remove
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LOG.info("Apicurio Registry at {} stopped", baseUrl());
    }

    private URI uri(String path) {
        try {
            return new URI(baseUrl() + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Where ParentWatchdog's class lies: this module's jar, or its classes folder in a build. */
    private static String watchdogClasspath() {
        try {
            return Paths.get(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
