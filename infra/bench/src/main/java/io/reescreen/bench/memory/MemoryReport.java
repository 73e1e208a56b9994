package io.reescreen.bench.memory;

import java.util.List;
import java.util.Locale;

/** The snapshots as one Markdown table, each beside the idle screener it is compared with. */
public final class MemoryReport {

    /** A measured state and the idle state of the same process before it. */
    public record Pair(MemorySnapshot idle, MemorySnapshot loaded) {
    }

    private MemoryReport() {
    }

    public static String table(List<Pair> pairs) {
        StringBuilder md = new StringBuilder();
        md.append("| screener holding | heap used, MiB | heap committed, MiB | RSS, MiB | JVM committed besides the heap "
                + "(NMT), MiB | RSS outside the JVM's own (RocksDB, PyTorch, libc), MiB |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Pair p : pairs) {
            md.append(row(p.idle(), null));
            md.append(row(p.loaded(), p.idle()));
        }
        return md.toString();
    }

    private static String row(MemorySnapshot s, MemorySnapshot idle) {
        String nonHeap = s.tracked() ? mib(s.jvmNonHeapKib(), idle == null || !idle.tracked() ? null
                : s.jvmNonHeapKib() - idle.jvmNonHeapKib()) : "NMT off";
        String outside = s.tracked() ? mib(s.outsideJvmKib(), idle == null || !idle.tracked() ? null
                : s.outsideJvmKib() - idle.outsideJvmKib()) : "NMT off";
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", s.label(),
                mib(s.heapUsedKib(), idle == null ? null : s.heapUsedKib() - idle.heapUsedKib()),
                mib(s.heapCommittedKib(), idle == null ? null : s.heapCommittedKib() - idle.heapCommittedKib()),
                mib(s.rssKib(), idle == null ? null : s.rssKib() - idle.rssKib()), nonHeap, outside);
    }

    /** "412.3" or, against the idle screener, "412.3 (+120.5)". */
    private static String mib(long kib, Long deltaKib) {
        String value = String.format(Locale.ROOT, "%,.1f", kib / 1024.0);
        return deltaKib == null ? value : value + String.format(Locale.ROOT, " (%+,.1f)", deltaKib / 1024.0);
    }
}
