package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.ensemble.ModelDevice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** How {@code ./reescreen} reads its command line: generated help, suggestions, and the one way a mistake is said. */
class CommandLineTest {

    private final CapturedRun reescreen = new CapturedRun();

    private int run(String... args) {
        return reescreen.run(args);
    }

    private String out() {
        return reescreen.out();
    }

    private String err() {
        return reescreen.err();
    }

    @Test
    void aSubcommandsHelpListsItsOptionsWithDescriptionsAndDefaults() {
        assertEquals(0, run("dlq", "replay", "--help"));
        String help = out();
        for (String expected : List.of("--reason R", "--from T", "--dry-run", "--per-transaction N",
                "dead letters replayed per transaction (default 100)", "(default xrf.readings.dlq)",
                "--bootstrap-servers H:P", "Kafka (default $KAFKA_BOOTSTRAP_SERVERS)")) {
            assertTrue(help.contains(expected), "'" + expected + "' missing from:\n" + help);
        }
        assertEquals("", err());
    }

    @Test
    void aServiceCommandsHelpNamesItsOwnPortAndWorkFolder() {
        assertEquals(0, run("retrainer", "--help"));
        assertTrue(out().contains("HTTP port (default 8081)") && out().contains("(default .reescreen/retrainer)")
                && out().contains("retrainer-<http port>"), out());
    }

    @Test
    void helpAsAWordShowsTheSameHelp() {
        assertEquals(0, run("help"));
        assertTrue(out().contains("  rescore "), out());
        assertEquals(0, run("help", "bench"));
        assertTrue(out().contains("infra/bench/results/streaming.md"), out());
    }

    @Test
    void noCommandListsTheCommandsAndIsAUsageError() {
        assertEquals(2, run());
        assertTrue(out().contains("  demo "), out());
    }

    @Test
    void aMistypedCommandIsNamedWithTheKnownOnesAndTheNearestSuggestedExitStatus2() {
        assertEquals(2, run("modle"));
        List<String> lines = err().lines().toList();
        assertEquals(2, lines.size(), err());
        assertTrue(lines.get(0).startsWith("reescreen: unknown command 'modle'; one of demo, stack"), err());
        assertTrue(lines.get(1).startsWith("Did you mean: ./reescreen model"), err());
        assertEquals("", out());
    }

    @Test
    void aMistypedSubcommandSuggestsTheRightOne() {
        assertEquals(2, run("dlq", "stast"));
        assertTrue(err().contains("unknown dlq command 'stast'; one of stats or replay"), err());
        assertTrue(err().contains("Did you mean: dlq stats"), err());
    }

    @Test
    void aMissingRequiredOptionIsOneLineWithoutAStackTraceExitStatus2() {
        assertEquals(2, run("model", "predict", "--model", "base.model"));
        assertEquals(List.of("reescreen model predict: --data is required (./reescreen model predict --help for the options)"),
                err().lines().toList());
        assertEquals("", out());
    }

    @Test
    void anOptionWithoutItsValueOrWithAValueOfTheWrongKindIsOneLine() {
        assertEquals(2, run("dlq", "replay", "--from", "beginning", "--reason"));
        assertEquals(List.of("reescreen dlq replay: --reason needs a value (./reescreen dlq replay --help for the options)"),
                err().lines().toList());
        reescreen.reset();
        assertEquals(2, run("demo", "--lots", "many"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("'many' is not an int"), err());
    }

    @Test
    void aFlagTakesNoValueButTrueOrFalse() {
        assertEquals(2, run("dlq", "replay", "--reason", "R", "--from", "beginning", "--dry-run=maybe"));
        assertTrue(err().startsWith("reescreen dlq replay: --dry-run takes no value (or =true / =false), got 'maybe'"),
                err());
    }

    @Test
    void aProgramFaultKeepsItsStackTraceAndExitStatus1() {
        StringWriter printed = new StringWriter();
        CommandLine command = new CommandLine(CommandSpec.create().name("reescreen")).setErr(new PrintWriter(printed, true));
        int exit = new CommandErrors().handleExecutionException(new IllegalStateException("boom"), command, null);
        assertEquals(1, exit);
        assertTrue(printed.toString().startsWith("reescreen: boom"), printed.toString());
        assertTrue(printed.toString().contains("\tat "), "the stack trace, to debug with: " + printed);
    }

    @Test
    void aUserErrorFromACommandIsOneLineWithoutAStackTraceExitStatus2() {
        StringWriter printed = new StringWriter();
        CommandLine command = new CommandLine(CommandSpec.create().name("reescreen")).setErr(new PrintWriter(printed, true));
        int exit = new CommandErrors().handleExecutionException(new UserError("no model artifact at x"), command, null);
        assertEquals(2, exit);
        assertEquals(List.of("reescreen: no model artifact at x"), printed.toString().lines().toList());
    }

    @Test
    void aModelDeviceTheMachineLacksIsOneLineExitStatus2EvenWrappedByAServicesStart() {
        StringWriter printed = new StringWriter();
        CommandLine command = new CommandLine(CommandSpec.create().name("reescreen")).setErr(new PrintWriter(printed, true));
        ModelDevice.Unavailable noGpu = assertThrows(ModelDevice.Unavailable.class,
                () -> ModelDevice.resolve(ModelDevice.Choice.GPU, () -> 0, "PyTorch (test)"));
        int exit = new CommandErrors().handleExecutionException(
                new IllegalStateException("Error instantiating bean", noGpu), command, null);
        assertEquals(2, exit);
        assertEquals(List.of("reescreen: " + noGpu.getMessage()), printed.toString().lines().toList());
    }

    /** The usage lines are written by hand (as they were before picocli): they must not name an option that is gone. */
    @Test
    void everyOptionAUsageLineNamesIsOneTheCommandOrItsSubcommandsTake() {
        CommandFactory factory = new CommandFactory(new Terminal(System.out, System.err));
        List<CommandLine> commands = new ArrayList<>(List.of(new CommandLine(Reescreen.class, factory)));
        Reescreen.COMMANDS.forEach(type -> commands.addAll(all(new CommandLine(type, factory))));
        List<String> unknown = new ArrayList<>();
        Pattern option = Pattern.compile("--[a-z][a-z-]*");
        for (CommandLine command : commands) {
            for (String line : command.getCommandSpec().usageMessage().customSynopsis()) {
                Matcher m = option.matcher(line);
                while (m.find()) {
                    if (!m.group().equals("--help") // the root's, inherited once a command is added to it
                            && all(command).stream().noneMatch(c -> c.getCommandSpec().findOption(m.group()) != null)) {
                        unknown.add(command.getCommandSpec().qualifiedName() + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), unknown);
        assertFalse(commands.size() < 20, "every command and sub-command was looked at: " + commands.size());
    }

    private static List<CommandLine> all(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        command.getSubcommands().values().forEach(c -> all.addAll(all(c)));
        return all;
    }
}
