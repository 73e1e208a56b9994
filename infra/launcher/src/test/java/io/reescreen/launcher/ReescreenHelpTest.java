package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReescreenHelpTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Reescreen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("demo"), help);
        assertTrue(help.contains("topics"), help);
    }

    @Test
    void helpListsTheCommandsThatRunEachPartOnItsOwn() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String command : new String[] {"stack", "screener", "retrainer"}) {
            assertTrue(help.contains("  " + command + " "), command + " missing from:\n" + help);
        }
    }

    @Test
    void serviceCommandsWithoutAClusterSayWhatIsMissing() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null,
                "KAFKA_BOOTSTRAP_SERVERS is set in this environment");
        assertEquals(2, run("screener"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void demoHelpSaysTheWorkFolderIsReused() {
        assertEquals(0, run("demo", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("reuse them on the next run"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("dmeo"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'dmeo'"));
    }

    @Test
    void unknownOptionIsAUsageErrorNotIgnored() {
        assertEquals(2, run("demo", "--kafka-prot", "9092"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --kafka-prot"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandHelpShowsItsOptions() {
        assertEquals(0, run("demo", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--kafka-port"));
    }

    @Test
    void topicsWithoutAClusterSaysWhatIsMissing() {
        // Only meaningful where the variable is unset, as on the build machines.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null,
                "KAFKA_BOOTSTRAP_SERVERS is set in this environment");
        assertEquals(2, run("topics"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("KAFKA_BOOTSTRAP_SERVERS"));
    }
}
