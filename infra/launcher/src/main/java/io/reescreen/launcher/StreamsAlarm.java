package io.reescreen.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The demo's watch on its services' streams: once the screener's or the retrainer's Kafka Streams stop for good
 * (ERROR, a dead stream thread, a shutdown nobody asked for), it says so loudly on both streams and ends the demo
 * with {@value #EXIT_STREAMS_STOPPED}, instead of leaving the operator a table that has silently stopped changing.
 */
final class StreamsAlarm implements AutoCloseable {

    /** The demo's exit status when a service's streams stopped. */
    static final int EXIT_STREAMS_STOPPED = 3;

    /** A service, and why its streams stopped for good (empty while they run, start or rebalance). */
    record Watched(String service, Supplier<Optional<String>> stopped) {
        Watched {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(stopped, "stopped");
        }
    }

    private final List<Watched> watched = new ArrayList<>();
    private final PrintStream out;
    private final PrintStream err;
    private final IntConsumer exit;
    private final Duration every;
    private volatile boolean closed;
    private Thread thread;

    /** @param exit what ends the demo ({@code System::exit} there; tests record the status) */
    StreamsAlarm(PrintStream out, PrintStream err, IntConsumer exit, Duration every) {
        this.out = out;
        this.err = err;
        this.exit = exit;
        this.every = every;
    }

    StreamsAlarm watch(String service, Supplier<Optional<String>> stopped) {
        watched.add(new Watched(service, stopped));
        return this;
    }

    /** Checks every {@code every} on a daemon thread of its own. */
    StreamsAlarm start() {
        thread = new Thread(() -> {
            try {
                while (!closed) {
                    if (check()) {
                        return;
                    }
                    Thread.sleep(every.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-streams-alarm");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** One look at every service; true if one had stopped (and the alarm went off). */
    boolean check() {
        for (Watched w : watched) {
            Optional<String> why;
            try {
                why = w.stopped().get();
            } catch (RuntimeException e) {
                why = Optional.of("its state cannot be read: " + e);
            }
            if (why.isPresent() && !closed) {
                sound(w.service(), why.get());
                return true;
            }
        }
        return false;
    }

    private void sound(String service, String why) {
        String line = "!".repeat(100);
        String text = String.format(Locale.ROOT, "%s%n%s REESCREEN DEMO STOPPING: the %s's streams stopped for good.%n"
                + "  %s%n  Nothing more is screened or learnt by this %s; a deployment would restart it (its liveness "
                + "check now fails).%n  See the log above for the cause. Exit status %d.%n%s", line, Instant.now(),
                service, why, service, EXIT_STREAMS_STOPPED, line);
        out.println();
        out.println(text);
        out.flush();
        if (err != out) {
            err.println(text);
            err.flush();
        }
        closed = true;
        exit.accept(EXIT_STREAMS_STOPPED);
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
