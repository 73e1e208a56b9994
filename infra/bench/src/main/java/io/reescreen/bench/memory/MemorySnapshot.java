package io.reescreen.bench.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's memory after a full GC, in KiB: heap used and committed ({@code jcmd PID GC.heap_info}), resident set
 * ({@code VmRSS} of {@code /proc/PID/status}) and what the JVM itself has committed by category
 * ({@code jcmd PID VM.native_memory summary}, with {@code -XX:NativeMemoryTracking=summary}). Native Memory Tracking
 * sees only the JVM's own allocations: RocksDB's memtables and block cache and PyTorch's tensors are malloc'd by their
 * native libraries, so they show in the RSS and not in the JVM's committed total.
 *
 * @param label           what the process held when measured
 * @param heapUsedKib     heap in use after the GC
 * @param heapCommittedKib heap the JVM has committed
 * @param rssKib          resident set of the whole process
 * @param jvmCommittedKib the JVM's own committed memory (NMT total; heap included), or -1 when NMT was off
 * @param jvmByCategory   NMT's committed KiB by category (Java Heap, Class, Thread, Code, GC, Other, ...)
 */
public record MemorySnapshot(String label, long heapUsedKib, long heapCommittedKib, long rssKib, long jvmCommittedKib,
                             Map<String, Long> jvmByCategory) {

    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_CATEGORY = Pattern.compile(
            "(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    public MemorySnapshot {
        jvmByCategory = Map.copyOf(jvmByCategory);
    }

    /** From the three texts as the JDK and Linux print them; NMT's may be "Native memory tracking is not enabled". */
    public static MemorySnapshot parse(String label, String heapInfo, String procStatus, String nativeMemory) {
        Matcher heap = HEAP.matcher(heapInfo);
        if (!heap.find()) {
            throw new IllegalArgumentException("no \"heap total ...K, used ...K\" in GC.heap_info: " + heapInfo);
        }
        Matcher rss = RSS.matcher(procStatus);
        if (!rss.find()) {
            throw new IllegalArgumentException("no VmRSS line in /proc/PID/status");
        }
        Matcher total = NMT_TOTAL.matcher(nativeMemory);
        Map<String, Long> categories = new LinkedHashMap<>();
        Matcher category = NMT_CATEGORY.matcher(nativeMemory);
        while (category.find()) {
            categories.put(category.group(1).strip(), Long.parseLong(category.group(2)));
        }
        return new MemorySnapshot(label, Long.parseLong(heap.group(2)), Long.parseLong(heap.group(1)),
                Long.parseLong(rss.group(1)), total.find() ? Long.parseLong(total.group(1)) : -1, categories);
    }

    public boolean tracked() {
        return jvmCommittedKib >= 0;
    }

    /** The JVM's committed memory besides the heap: classes, threads' stacks, code, GC structures, direct buffers. */
    public long jvmNonHeapKib() {
        return jvmCommittedKib - jvmByCategory.getOrDefault("Java Heap", heapCommittedKib);
    }

    /**
     * Resident memory the JVM does not account for: the native libraries' own (RocksDB, PyTorch, glibc's arenas).
     * An estimate: committed JVM pages never touched are not resident, which makes it low; it is compared between
     * snapshots of the same process, not read alone.
     */
    public long outsideJvmKib() {
        return rssKib - jvmCommittedKib;
    }
}
