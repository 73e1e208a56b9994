package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port in use is found before anything starts: one line naming the flag to use, exit status 2. */
class PortInUseTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path workDir;

    private int run(String... args) {
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errorLine() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void aDemoWhoseHttpPortIsTakenSaysWhichFlagToUseBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            assertEquals(2, run("demo", "--http-port", String.valueOf(taken.getLocalPort())));
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "the check came late");
            assertEquals(1, errorLine().lines().count(), errorLine());
            assertTrue(errorLine().contains("port " + taken.getLocalPort()) && errorLine().contains("--http-port"), errorLine());
            assertEquals("", out.toString(StandardCharsets.UTF_8), "something started");
        }
    }

    @Test
    void aDemoWhoseRetrainerPortIsTakenSaysItIsTheOneAfterHttpPort() throws Exception {
        int free = freePortPair();
        try (ServerSocket taken = new ServerSocket(free + 1, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, run("demo", "--http-port", String.valueOf(free)));
            assertTrue(errorLine().contains("retrainer") && errorLine().contains("--http-port"), errorLine());
        }
    }

    @Test
    void aStackWhoseKafkaPortIsTakenSaysWhichFlagToUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, run("stack", "--work-dir", workDir.toString(), "--kafka-port",
                    String.valueOf(taken.getLocalPort()), "--registry-port", "0"));
            assertTrue(errorLine().contains("--kafka-port"), errorLine());
        }
    }

    @Test
    void aScreenerWhoseHttpPortIsTakenSaysWhichFlagToUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, run("screener", "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1",
                    "--work-dir", workDir.toString(), "--http-port", String.valueOf(taken.getLocalPort())));
            assertEquals(1, errorLine().lines().count(), errorLine());
            assertTrue(errorLine().contains("screener's HTTP port") && errorLine().contains("--http-port"), errorLine());
        }
    }

    @Test
    void aRetrainerWhoseHttpPortIsTakenSaysWhichFlagToUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, run("retrainer", "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1",
                    "--work-dir", workDir.toString(), "--http-port", String.valueOf(taken.getLocalPort())));
            assertTrue(errorLine().contains("retrainer's HTTP port") && errorLine().contains("--http-port"), errorLine());
        }
    }

    /** A port whose successor is free too (so only the one the test takes is in use). */
    private static int freePortPair() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = probe.getLocalPort();
                if (port < 65_535 && PortCheck.isFree("127.0.0.1", port + 1)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free pair of ports");
    }
}
