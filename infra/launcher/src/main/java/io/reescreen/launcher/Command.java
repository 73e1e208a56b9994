package io.reescreen.launcher;

import java.io.PrintStream;

/** One {@code ./reescreen} command. */
interface Command {

    /** Returned by a command that leaves services running until the JVM is stopped (Ctrl-C). */
    int KEEP_RUNNING = Integer.MIN_VALUE;

    String name();

    String summary();

    String usage();

    /** Options that take no value ({@code --publish}); every other option does. */
    default java.util.Set<String> flags() {
        return java.util.Set.of();
    }

    int run(CommandLine args, PrintStream out, PrintStream err) throws Exception;
}
