package io.reescreen.embedded;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs inside the registry's child JVM, before the registry's own main: when the parent JVM dies, by
 * Ctrl-C, a failed test or {@code kill -9}, the child exits too, so no registry is ever left orphaned.
 * Usage: {@code ParentWatchdog <parent pid> <main class> [args...]}.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ParentWatchdog <parent pid> <main class> [args...]");
        }
        long parentPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("parent process " + parentPid + " is gone; not starting");
            System.exit(1);
        }
        parent.get().onExit().thenRun(ParentWatchdog::exitWithParent);
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }

    private static void exitWithParent() {
        System.err.println("parent process exited; stopping");
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(1); // shutdown hooks hung: leave anyway
        }, "watchdog-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }
}
