package io.reescreen.bench.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Measures another JVM on this machine with the JDK's jcmd and Linux's /proc: a full GC first, then the snapshot. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static MemorySnapshot measure(String label, long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String heap = jcmd(pid, "GC.heap_info");
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        String nmt = jcmd(pid, "VM.native_memory", "summary");
        return MemorySnapshot.parse(label, heap, status, nmt);
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        Path jdkJcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        line.add(Files.isExecutable(jdkJcmd) ? jdkJcmd.toString() : "jcmd");
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
