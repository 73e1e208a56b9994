package io.reescreen.bench.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code ./reescreen <command>} as a JVM of its own, as an operator runs it: started on this JVM's class path
 * (the launcher's jar and its libraries when the bench runs from {@code ./reescreen bench}), its output appended to a
 * log file, killed with SIGKILL or stopped with SIGTERM for real. The launcher's main class is named, not linked: the
 * launcher depends on this module, not the other way round.
 */
public final class ReescreenProcess implements Arrivals.Source {

    static final String LAUNCHER_MAIN = "io.reescreen.launcher.Reescreen";

    final String name;
    private final List<String> arguments;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    public ReescreenProcess(String name, List<String> jvmOptions, List<String> arguments, Map<String, String> environment,
                     Path log) {
        this.name = name;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    public void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LAUNCHER_MAIN));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** The running process's id, for jcmd and /proc. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no commit, no close; an open transaction is left for the broker to abort. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the shutdown hooks close the streams. */
    public void terminate() throws InterruptedException {
        process.destroy();
        awaitExit();
    }

    public void stopIfRunning() throws InterruptedException {
        if (process != null && process.isAlive()) {
            terminate();
        }
    }

    /** From a shutdown hook: SIGKILL without waiting. */
    void destroyIfRunning() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Lines of the log, over all runs of this process, that start with {@code prefix}. */
    long linesStartingWith(String prefix) throws IOException {
        return lines().stream().filter(line -> line.startsWith(prefix)).count();
    }

    /** Waits until more than {@code before} lines start with {@code prefix}; returns when (System.nanoTime). */
    public long awaitLine(String prefix, long before, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (linesStartingWith(prefix) <= before) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before \"" + prefix
                        + "\"; " + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " printed no \"" + prefix + "\" within " + timeout.toSeconds()
                        + " s; " + tail());
            }
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    List<String> lines() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.toList();
        }
    }

    /** The end of the log, for an error message. */
    @Override
    public String tail() {
        try {
            List<String> all = lines();
            return log + ", last lines:\n" + String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            return log + " (unreadable: " + e + ")";
        }
    }
}
