package io.reescreen.launcher;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The entry point behind {@code ./reescreen}: dispatches to one command per capability. */
@Command(name = "./reescreen",
        header = {"reescreen - real-time rare-earth screening of coal ash from XRF readings", ""},
        customSynopsis = "./reescreen <command> [options]      (./reescreen <command> --help for its options)",
        footer = {"Environment: KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL point the services at an external",
                "Kafka cluster and registry; without them, demo starts embedded ones."})
public final class Reescreen implements Callable<Integer> {

    /** Returned by a command that leaves services running until the JVM is stopped (Ctrl-C). */
    static final int KEEP_RUNNING = Integer.MIN_VALUE;

    /** The commands, in the order the help lists them. */
    static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, StackCommand.class, ScreenerCommand.class,
            RetrainerCommand.class, TopicsCommand.class, ModelCommand.class, RetrainCommand.class, RescoreCommand.class,
            PerformanceCommand.class, BenchCommand.class, DlqCommand.class);

    /** Wide enough for the option tables to keep one option per line, as the hand-written help did. */
    private static final int HELP_WIDTH = 120;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "this help")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final Terminal terminal;

    Reescreen(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != KEEP_RUNNING) {
            System.exit(exit);
        }
    }

    /** Runs a command; returns its exit code, or {@link #KEEP_RUNNING} for a service left running. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandErrors errors = new CommandErrors();
        Terminal terminal = new Terminal(out, err);
        String[] line = helpWordAsOption(args);
        CommandLine commands = commands(terminal, line.length == 0 ? "" : line[0])
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
                .setUsageHelpWidth(HELP_WIDTH)
                .setSeparator(" ")
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
        layOut(commands);
        commands.getCommandSpec().usageMessage().descriptionHeading("");
        try {
            return commands.execute(line);
        } catch (LinkageError e) {
            // A broken classpath must end the command, not leave a half-started JVM running.
            err.println("reescreen: " + e.getMessage());
            e.printStackTrace(err);
            return CommandErrors.PROGRAM_FAULT;
        }
    }

    /**
     * The command line with the invoked command in full; the others by name and summary only (enough for the list
     * and the suggestions), since reading a command's annotations costs start-up time every command would pay.
     */
    static CommandLine commands(Terminal terminal, String invoked) {
        CommandFactory factory = new CommandFactory(terminal);
        CommandLine root = new CommandLine(Reescreen.class, factory);
        for (Class<?> type : COMMANDS) {
            Command command = type.getAnnotation(Command.class);
            if (command.name().equals(invoked)) {
                root.addSubcommand(new CommandLine(type, factory));
            } else {
                CommandSpec summary = CommandSpec.create().name(command.name());
                summary.usageMessage().description(command.description()[0]);
                root.addSubcommand(command.name(), summary);
            }
        }
        return root;
    }

    /** Every command's help in the same shape: options in the order declared, sections apart. */
    private static void layOut(CommandLine command) {
        command.getCommandSpec().usageMessage().sortOptions(false).sortSynopsis(false).descriptionHeading("%n").optionListHeading("%n")
                .commandListHeading("%nCommands:%n").footerHeading("%n");
        command.getSubcommands().values().forEach(Reescreen::layOut);
    }

    /** {@code help [command...]} reads as {@code [command...] --help}, as it always has. */
    private static String[] helpWordAsOption(String[] args) {
        if (args.length == 0 || !args[0].equals("help")) {
            return args;
        }
        String[] asOption = Arrays.copyOfRange(args, 1, args.length + 1);
        asOption[args.length - 1] = "--help";
        return asOption;
    }

    /** No command: the list of them, and exit status 2 (as a usage error). */
    @Override
    public Integer call() {
        spec.commandLine().usage(terminal.out());
        return CommandErrors.USER_MISTAKE;
    }
}
