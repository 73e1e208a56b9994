package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it: starts, says what runs where, shows the operator predictions made from the
 * simulated readings, and on Ctrl-C leaves nothing behind; secured, the same over SASL_SSL and HTTPS.
 */
class DemoCommandTest {

    private static final Pattern REGISTRY_PID = Pattern.compile("child pid (\\d+)");
    private static final Pattern WORK_FOLDER = Pattern.compile("Work folder\\s+(\\S+)");

    @Test
    void demoStartsEverythingAndStopsCleanlyOnCtrlC() throws Exception {
        Process demo = demo("--http-port", "0", "--rate", "20");
        StringBuilder output = new StringBuilder();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readAll(demo, output));
        try {
            awaitLine(output, "Press Ctrl-C to stop.", Duration.ofSeconds(240), demo);
            // The operator's lot table: readings went simulator -> screener -> predictions -> view.
            awaitLine(output, "REE in ppm by mole", Duration.ofSeconds(90), demo);
            String shown = output.toString();
            for (String expected : List.of("bootstrap servers  127.0.0.1:", "/apis/registry/v3", "/apis/ccompat/v7",
                    "xrf.readings", "models.releases", "compacted", "Screener running", "bootstrap-synthetic", "XRF simulator")) {
                assertTrue(shown.contains(expected), "demo output lacks '" + expected + "':\n" + shown);
            }
            long registryPid = Long.parseLong(find(REGISTRY_PID, shown));
            String workFolder = find(WORK_FOLDER, shown);

            new ProcessBuilder("kill", "-INT", String.valueOf(demo.pid())).start().waitFor(5, TimeUnit.SECONDS);

            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo still running 60 s after Ctrl-C:\n" + output);
            reader.get(5, TimeUnit.SECONDS);
            assertEquals(130, demo.exitValue(), "exit status of a process ended by SIGINT");
            assertTrue(output.toString().contains("reescreen demo: stopped"), output.toString());
            assertFalse(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false),
                    "registry process " + registryPid + " outlived the demo");
            assertFalse(Paths.get(workFolder).toFile().exists(), "temporary work folder left behind: " + workFolder);
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void aSecuredDemoRaisesAnAlertOverSaslSslAndPrintsNoPassword(@TempDir Path work) throws Exception {
        // --lab-after 600: the retrainer starts on the secured stack too, but no lab reports within the test
        Process demo = demo("--secure", "--http-port", "0", "--rate", "20", "--lab-after", "600",
                "--work-dir", work.toString());
        StringBuilder output = new StringBuilder();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readAll(demo, output));
        try {
            awaitLine(output, "Press Ctrl-C to stop.", Duration.ofSeconds(300), demo);
            // The secured broker has no open listener for clients: this alert went simulator -> screener -> view over
            // SASL_SSL, its schemas through the HTTPS registry.
            awaitLine(output, " ALERT  lot ", Duration.ofSeconds(180), demo);
            List<String> passwords = StackPasswords.of(work);

            new ProcessBuilder("kill", "-INT", String.valueOf(demo.pid())).start().waitFor(5, TimeUnit.SECONDS);
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo still running 60 s after Ctrl-C:\n" + output);
            reader.get(5, TimeUnit.SECONDS);
            String shown = output.toString();
            for (String expected : List.of("(SASL_SSL: SCRAM-SHA-512 or PLAIN)", "https://127.0.0.1:",
                    "kafka-client.properties", "Screener running", "Retrainer running", "reescreen demo: stopped")) {
                assertTrue(shown.contains(expected), "demo output lacks '" + expected + "':\n" + shown);
            }
            assertEquals(3, passwords.size(), "the store's, Kafka's and the registry's password");
            for (String password : passwords) {
                assertFalse(shown.contains(password), "a password from passwords.properties was printed:\n" + shown);
            }
        } finally {
            demo.destroyForcibly();
        }
    }

    private static Process demo(String... options) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Reescreen.class.getName(), "demo"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }


    private static void readAll(Process process, StringBuilder sink) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (sink) {
                    sink.append(line).append('\n');
                }
            }
        } catch (java.io.IOException ignored) {
            // the process was killed
        }
    }

    private static void awaitLine(StringBuilder output, String line, Duration timeout, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                if (output.indexOf(line) >= 0) {
                    return;
                }
            }
            if (!process.isAlive()) {
                fail("demo exited with " + process.exitValue() + " before it was up:\n" + output);
            }
            Thread.sleep(100);
        }
        fail("demo not up after " + timeout.toSeconds() + " s:\n" + output);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            fail("no match for " + pattern + " in:\n" + text);
        }
        return m.group(1);
    }
}
