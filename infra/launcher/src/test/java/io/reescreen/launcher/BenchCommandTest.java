package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The argument handling of {@code ./reescreen bench}; the benchmarks themselves are not run here. */
class BenchCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpNamesTheRetrainerBenchmarkAndItsOptions() {
        assertEquals(0, run("bench", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("./reescreen bench retrainer [--data-dir D] [--splits 30] [--loops 5] [--lab-results 30] "
                + "[--out F]"), help);
        assertTrue(help.contains("infra/bench/results/retrainer.md"), help);
    }

    @Test
    void anUnknownBenchmarkListsTheKnownOnes() {
        assertEquals(2, run("bench", "retrainr"));
        assertTrue(errText().contains("model, streaming, memory, retrainer, faults, sites or board"), errText());
    }

    @Test
    void streamingRejectsMoreInstancesThanPartitionsBeforeStartingAnything() {
        assertEquals(2, run("bench", "streaming", "--instances", "4"));
        assertTrue(errText().contains("at most 3 stream threads or instances"), errText());
    }

    @Test
    void memoryRejectsAHeapSizeTheJvmWouldNotTakeBeforeStartingAnything() {
        assertEquals(2, run("bench", "memory", "--heap", "lots"));
        assertTrue(errText().contains("heap takes a size like 768m or 1g, got lots"), errText());
    }

    @Test
    void retrainerRejectsAnUnknownOptionBeforeDoingAnyWork() {
        assertEquals(2, run("bench", "retrainer", "--repetitions", "3"));
        assertTrue(errText().contains("unknown option --repetitions"), errText());
    }

    @Test
    void retrainerRejectsASplitCountBelowOne() {
        assertEquals(2, run("bench", "retrainer", "--splits", "0"));
        assertTrue(errText().contains("--splits must be >= 1"), errText());
    }

    @Test
    void retrainerSaysWhereTheDataShouldBe(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        assertEquals(1, run("bench", "retrainer", "--data-dir", empty.toString(), "--out", empty.resolve("r.md").toString()));
        assertTrue(errText().contains("point --data-dir at the shared data folder"), errText());
    }

    @Test
    void faultsRejectsFewerThanOneKillBeforeStartingAnything() {
        assertEquals(2, run("bench", "faults", "--kills", "0"));
        assertTrue(errText().contains("--kills takes 1 or more"), errText());
    }

    @Test
    void faultsRejectsAnUnknownScenarioBeforeStartingAnything() {
        assertEquals(2, run("bench", "faults", "--scenarios", "registry,nope"));
        assertTrue(errText().contains("--scenarios takes a comma-separated subset of kills,sigterm,retrainer,registry,release"),
                errText());
    }

    @Test
    void helpNamesTheFaultsBenchmarkAndItsReport() {
        assertEquals(0, run("bench", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("./reescreen bench faults [--kills 3] [--rate 20] [--scenarios S,...] [--out F]"), help);
        assertTrue(help.contains("infra/bench/results/faults.md"), help);
    }

    @Test
    void sitesRejectsFewerLotsThanTheRetrainerJudgesBeforeStartingAnything() {
        assertEquals(2, run("bench", "sites", "--lots", "5"));
        assertTrue(errText().contains("--lots >= 10"), errText());
    }

    @Test
    void helpNamesTheSitesBenchmarkAndItsReport() {
        assertEquals(0, run("bench", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("./reescreen bench sites [--seeds 3] [--lots 24] [--new-lots 24] [--data-dir D] [--splits 30] [--out F]"), help);
        assertTrue(help.contains("infra/bench/results/sites.md"), help);
    }

    @Test
    void helpNamesTheBoardBenchmarkAndItsReport() {
        assertEquals(0, run("bench", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("./reescreen bench board [--alerts 200] [--spacing-ms 150] [--lots 2000] "
                + "[--repetitions 5] [--out F]"), help);
        assertTrue(run("bench", "board", "--help") == 0
                && out.toString(StandardCharsets.UTF_8).contains("infra/bench/results/board.md"), help);
    }

    @Test
    void boardRejectsFewerThanOneAlertBeforeStartingAnything() {
        assertEquals(2, run("bench", "board", "--alerts", "0"));
        assertTrue(errText().contains("--alerts must be >= 1"), errText());
    }
}
