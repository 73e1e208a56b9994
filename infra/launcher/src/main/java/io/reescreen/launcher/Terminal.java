package io.reescreen.launcher;

import java.io.PrintStream;

/** Where a command prints: results to {@code out}, progress and errors to {@code err} (tests pass their own). */
record Terminal(PrintStream out, PrintStream err) {
}
