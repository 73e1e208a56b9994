package io.reescreen.launcher;

import io.reescreen.launcher.dlq.DeadLetterFilter;
import io.reescreen.launcher.dlq.DeadLetterReplay;
import io.reescreen.launcher.dlq.DeadLetterStats;
import io.reescreen.launcher.dlq.DeadLetterTopic;
import io.reescreen.launcher.dlq.ReplayLedger;
import io.reescreen.launcher.dlq.ReplayReport;
import io.reescreen.replay.ProgressPrinter;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./reescreen dlq stats|replay}: what lies on the dead-letter topics, and sending it back once fixed. */
@Command(name = "dlq",
        description = "dead letters: stats by reason, time and lot; replay them exactly once after a fix",
        customSynopsis = {
                "./reescreen dlq <stats|replay> [options]",
                "  dlq stats [--topic T] [--reason R] [--lot L] [--from T] [--to T]",
                "  dlq replay --reason R --from T [--to T] [--lot L] [--topic xrf.readings.dlq] [--dry-run]",
                "             [--per-transaction 100]"},
        subcommands = {DlqCommand.Stats.class, DlqCommand.Replay.class},
        footer = {"Times (--from, --to) are when the record was dead-lettered (header reescreen.dlq.time): an",
                "ISO-8601 instant (2026-11-20T08:00:00Z), a date (2026-11-20 = start of that day, UTC), or",
                "beginning / end. --from inclusive, --to exclusive (default: the end of the topic",
                "when the command starts). Progress goes to stderr; the table or summary to stdout."})
final class DlqCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UsageError("name one of: stats, replay");
    }

    /** What else picks the dead letters both sub-commands look at, and where they lie. */
    static final class Selection {

        @Option(names = "--lot", paramLabel = "L", description = "only this lot's dead letters")
        private String lot;

        @Option(names = "--to", paramLabel = "T",
                description = "dead-lettered before T (default: the end of the topic when the command starts)")
        private String to;

        @Mixin
        private KafkaOption kafka;

        DeadLetterFilter filter(String reason, String from) {
            try {
                return new DeadLetterFilter(Optional.ofNullable(reason), ReplayWindow.parse(from, to),
                        Optional.ofNullable(lot));
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
        }

        /** The cluster and its security settings, checked before any work. */
        KafkaConnection connection() {
            return kafka.connection();
        }
    }

    @Command(name = "stats",
            description = {"dead letters by reason, time and lot, per dead-letter topic",
                    "per dead-letter topic (xrf.readings.dlq, lots.dlq, lab.results.dlq, models.releases.dlq,",
                    "lab.results.held; or --topic): dead letters by reason with first and last time, truncated",
                    "copies, the lots with most, and how many were replayed (read_committed, nothing committed)"})
    static final class Stats implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--topic", paramLabel = "T", description = "one dead-letter topic (default: every one)")
        private String topic;

        @Option(names = "--reason", paramLabel = "R", description = "only dead letters of this reason")
        private String reason;

        @Option(names = "--from", paramLabel = "T", defaultValue = ReplayWindow.BEGINNING,
                description = "dead-lettered at or after T (default ${DEFAULT-VALUE})")
        private String from;

        @Mixin
        private Selection selection;

        Stats(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            PrintStream out = terminal.out();
            PrintStream err = terminal.err();
            List<DeadLetterTopic> topics = topic == null ? Arrays.asList(DeadLetterTopic.values()) : List.of(topic(topic));
            DeadLetterFilter filter = selection.filter(reason, from);
            KafkaConnection connection = selection.connection();
            try (KafkaConsumer<byte[], byte[]> consumer = TopicWindowReader.consumer(connection, "reescreen-dlq-stats")) {
                TopicWindowReader reader = new TopicWindowReader(consumer, Duration.ofSeconds(30));
                ReplayLedger ledger;
                try {
                    ledger = ReplayLedger.read(reader);
                } catch (IllegalStateException e) {
                    err.println("reescreen dlq stats: replays not counted: " + e.getMessage());
                    ledger = ReplayLedger.empty();
                }
                out.println("dead letters   " + filter.describe());
                out.printf("  %-24s %8s  %-24s  %s%n", "reason", "count", "first", "last");
                for (DeadLetterTopic deadLetters : topics) {
                    try {
                        out.print(DeadLetterStats.read(deadLetters, filter, reader, ledger, new ProgressPrinter(err, 2_000))
                                .format());
                    } catch (IllegalStateException e) {
                        // One missing topic (an older deployment) must not hide the others.
                        out.printf("%-22s not read: %s%n", deadLetters.topic(), e.getMessage());
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "replay",
            description = {"send dead letters back to the topic they came from, exactly once",
                    "sends the matching dead letters back to the topic they came from (xrf.readings, lots or",
                    "lab.results), original key, value and headers, to be checked again. Exactly once: each",
                    "record and its marker on dlq.replays go in one transaction, and a dead letter with a marker",
                    "is never sent again (re-runs, overlapping filters, a run killed midway). A truncated copy is",
                    "re-read from its source topic, or reported as not replayable when that record is gone."})
    static final class Replay implements Callable<Integer> {

        private final Terminal terminal;

        @Option(names = "--topic", paramLabel = "T", defaultValue = "xrf.readings.dlq",
                description = "the dead-letter topic (default ${DEFAULT-VALUE})")
        private String topic;

        @Option(names = "--reason", paramLabel = "R", required = true, description = "the dead letters of this reason")
        private String reason;

        @Option(names = "--from", paramLabel = "T", required = true, description = "dead-lettered at or after T")
        private String from;

        @Option(names = "--dry-run", arity = "0..1", paramLabel = "true|false",
                description = "count what would be re-admitted; send nothing")
        private boolean dryRun;

        @Option(names = "--per-transaction", paramLabel = "N", defaultValue = "100",
                description = "dead letters replayed per transaction (default ${DEFAULT-VALUE})")
        private int perTransaction;

        @Mixin
        private Selection selection;

        Replay(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            DeadLetterFilter filter = selection.filter(reason, from);
            DeadLetterReplay.Request request;
            try {
                request = new DeadLetterReplay.Request(topic(topic), filter, dryRun, perTransaction);
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            ReplayReport report = DeadLetterReplay.run(request, selection.connection(), terminal.err());
            terminal.out().print(report.format());
            return 0;
        }
    }

    private static DeadLetterTopic topic(String name) {
        try {
            return DeadLetterTopic.named(name);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
