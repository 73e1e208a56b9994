package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM that dies without running its shutdown hooks (kill -9, a crashed test fork) must not leave its
 * registry child behind: the child's watchdog notices and exits.
 */
class NoOrphanRegistryTest {

    @Test
    void registryExitsWhenItsParentIsKilled() throws Exception {
        Path workDir = Files.createTempDirectory("reescreen-orphan-");
        Process parent = new ProcessBuilder(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                RegistryHolder.class.getName(), workDir.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            long registryPid = readRegistryPid(parent);
            ProcessHandle registry = ProcessHandle.of(registryPid).orElseThrow();
            assertTrue(registry.isAlive(), "registry running while its parent lives");

            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

            registry.onExit().get(20, TimeUnit.SECONDS);
            assertFalse(registry.isAlive(), "registry outlived its killed parent");
        } finally {
            parent.destroyForcibly();
        }
    }

    private static long readRegistryPid(Process parent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        StringBuilder seen = new StringBuilder();
        for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("REGISTRY_PID=")) {
                return Long.parseLong(line.substring("REGISTRY_PID=".length()).trim());
            }
        }
        return fail("the parent never reported a registry pid; it printed:\n" + seen);
    }
}
