package io.reescreen.launcher;

import java.io.PrintStream;

/** One {@code ./reescreen} command. */
interface Command {

    /** Returned by a command that leaves services running until the JVM is stopped (Ctrl-C). */
    int KEEP_RUNNING = Integer.MIN_VALUE;

    String name();

    String summary();

    String usage();

    int run(CommandLine args, PrintStream out, PrintStream err) throws Exception;
}
