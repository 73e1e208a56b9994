package io.reescreen.bench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryReportTest {

    /** As JDK 17's jcmd prints them (cut down). */
    private static String heapInfo(long usedKib) {
        return """
                15761:
                 garbage-first heap   total 1048576K, used %dK [0x0000000687400000, 0x0000000800000000)
                  region size 4096K, 4 young (16384K), 0 survivors (0K)
                 Metaspace       used 8962K, committed 9152K, reserved 1114112K
                """.formatted(usedKib);
    }

    private static String nmt(long totalKib, long classKib) {
        return """
                15761:

                Native Memory Tracking:

                Total: reserved=7842527KB, committed=%dKB
                       malloc: 10135KB #61297

                -                 Java Heap (reserved=1048576KB, committed=1048576KB)
                                            (mmap: reserved=1048576KB, committed=1048576KB)\s
                \s
                -                     Class (reserved=1048786KB, committed=%dKB)
                                            (classes #2498)
                \s
                -                    Thread (reserved=19506KB, committed=890KB)
                """.formatted(totalKib, classKib);
    }

    private static String status(long rssKib) {
        return "Name:\tjava\nVmPeak:\t 9999999 kB\nVmRSS:\t  %d kB\nThreads:\t40\n".formatted(rssKib);
    }

    @Test
    void memoryReportNamesHeapRssAndNativeParts() {
        MemorySnapshot idle = MemorySnapshot.parse("nothing (idle)", heapInfo(102_400), status(1_331_200),
                nmt(1_228_800, 61_440));
        MemorySnapshot loaded = MemorySnapshot.parse("100,000 lots", heapInfo(153_600), status(1_638_400),
                nmt(1_239_040, 61_440));

        assertEquals(153_600, loaded.heapUsedKib());
        assertEquals(1_048_576, loaded.heapCommittedKib());
        assertEquals(1_638_400, loaded.rssKib());
        assertEquals(1_239_040 - 1_048_576, loaded.jvmNonHeapKib());
        assertEquals(1_638_400 - 1_239_040, loaded.outsideJvmKib());
        assertEquals(61_440L, loaded.jvmByCategory().get("Class"));

        List<String> rows = MemoryReport.table(List.of(new MemoryReport.Pair(idle, loaded))).lines().toList();
        assertEquals("| screener holding | heap used, MiB | heap committed, MiB | RSS, MiB | JVM committed besides the heap "
                + "(NMT), MiB | RSS outside the JVM's own (RocksDB, PyTorch, libc), MiB |", rows.get(0));
        assertEquals("| nothing (idle) | 100.0 | 1,024.0 | 1,300.0 | 176.0 | 100.0 |", rows.get(2));
        // 150 MiB heap (+50), RSS 1,600 (+300), of which the JVM's non-heap +10 and the native libraries' +290.
        assertEquals("| 100,000 lots | 150.0 (+50.0) | 1,024.0 (+0.0) | 1,600.0 (+300.0) | 186.0 (+10.0) "
                + "| 390.0 (+290.0) |", rows.get(3));
    }

    @Test
    void withoutNativeMemoryTrackingTheSplitIsSaidToBeMissingNotZero() {
        MemorySnapshot s = MemorySnapshot.parse("idle", heapInfo(1024), status(2048),
                "15761:\nNative memory tracking is not enabled\n");

        assertFalse(s.tracked());
        assertTrue(MemoryReport.table(List.of(new MemoryReport.Pair(s, s))).contains("| 2.0 (+0.0) | NMT off | NMT off |"));
    }

    @Test
    void aHeapInfoWithoutTheHeapLineIsRefusedWithWhatWasRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MemorySnapshot.parse("x", "15761:\nno such thing\n", status(1), ""));

        assertTrue(e.getMessage().contains("no such thing"), e.getMessage());
    }
}
