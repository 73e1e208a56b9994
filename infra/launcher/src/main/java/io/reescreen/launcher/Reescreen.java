package io.reescreen.launcher;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The entry point behind {@code ./reescreen}: dispatches to one command per capability. */
public final class Reescreen {

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        register(new DemoCommand());
        register(new StackCommand());
        register(new ScreenerCommand());
        register(new RetrainerCommand());
        register(new TopicsCommand());
        register(new ModelCommand());
        register(new RetrainCommand());
        register(new RescoreCommand());
        register(new BenchCommand());
        register(new DlqCommand());
    }

    private Reescreen() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != Command.KEEP_RUNNING) {
            System.exit(exit);
        }
    }

    /** Runs a command; returns its exit code, or {@link Command#KEEP_RUNNING} for a service left running. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            printHelp(out);
            return args.length == 0 ? 2 : 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("reescreen: unknown command '" + args[0] + "'");
            printHelp(err);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (List.of(rest).contains("--help") || List.of(rest).contains("-h")) {
            out.println(command.usage());
            return 0;
        }
        try {
            return command.run(CommandLine.parse(rest, command.flags()), out, err);
        } catch (CommandLine.UsageException e) {
            // One line, never a stack trace: the user's mistake, not the program's.
            err.println("reescreen " + command.name() + ": " + e.getMessage() + " (./reescreen " + command.name()
                    + " --help for the options)");
            return 2;
        } catch (UserError e) {
            err.println("reescreen " + command.name() + ": " + e.getMessage());
            return 2;
        } catch (Exception | LinkageError e) {
            // LinkageError too: a broken classpath must end the command, not leave a half-started JVM running.
            err.println("reescreen " + command.name() + ": " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
    }

    static void printHelp(PrintStream out) {
        out.println("reescreen - real-time rare-earth screening of coal ash from XRF readings");
        out.println();
        out.println("Usage: ./reescreen <command> [options]      (./reescreen <command> --help for its options)");
        out.println();
        out.println("Commands:");
        for (Command command : COMMANDS.values()) {
            out.printf("  %-10s %s%n", command.name(), command.summary());
        }
        out.println();
        out.println("Environment: KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL point the services at an external");
        out.println("Kafka cluster and registry; without them, demo starts embedded ones.");
    }

    private static void register(Command command) {
        COMMANDS.put(command.name(), command);
    }
}
