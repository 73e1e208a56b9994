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
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** {@code ./reescreen dlq stats|replay}: what lies on the dead-letter topics, and sending it back once fixed. */
final class DlqCommand implements Command {

    private static final String DRY_RUN = "dry-run";

    @Override
    public String name() {
        return "dlq";
    }

    @Override
    public String summary() {
        return "dead letters: stats by reason, time and lot; replay them exactly once after a fix";
    }

    @Override
    public String usage() {
        return """
                Usage: ./reescreen dlq <stats|replay> [options]
                  dlq stats [--topic T] [--reason R] [--lot L] [--from T] [--to T]
                      per dead-letter topic (xrf.readings.dlq, lots.dlq, lab.results.dlq, models.releases.dlq,
                      lab.results.held; or --topic): dead letters by reason with first and last time, truncated
                      copies, the lots with most, and how many were replayed (read_committed, nothing committed)
                  dlq replay --reason R --from T [--to T] [--lot L] [--topic xrf.readings.dlq] [--dry-run]
                             [--per-transaction 100]
                      sends the matching dead letters back to the topic they came from (xrf.readings, lots or
                      lab.results), original key, value and headers, to be checked again. Exactly once: each
                      record and its marker on dlq.replays go in one transaction, and a dead letter with a marker
                      is never sent again (re-runs, overlapping filters, a run killed midway). A truncated copy is
                      re-read from its source topic, or reported as not replayable when that record is gone.
                      --dry-run   count what would be re-admitted; send nothing
                  Times (--from, --to) are when the record was dead-lettered (header reescreen.dlq.time): an
                  ISO-8601 instant (2026-11-20T08:00:00Z), a date (2026-11-20 = start of that day, UTC), or
                  beginning / end. --from inclusive, --to exclusive (default: the end of the topic
                  when the command starts).
                  --bootstrap-servers H:P   default $KAFKA_BOOTSTRAP_SERVERS
                Progress goes to stderr; the table or summary to stdout.""";
    }

    @Override
    public Set<String> flags() {
        return Set.of(DRY_RUN);
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().isEmpty()) {
            throw new CommandLine.UsageException("name one of: stats, replay");
        }
        String sub = args.positionals().get(0);
        CommandLine rest = args.shift();
        return switch (sub) {
            case "stats" -> stats(rest, out, err);
            case "replay" -> replay(rest, out, err);
            default -> throw new CommandLine.UsageException("unknown dlq command '" + sub + "': stats or replay");
        };
    }

    private int stats(CommandLine args, PrintStream out, PrintStream err) {
        args.allowOnly("topic", "reason", "lot", "from", "to", "bootstrap-servers");
        List<DeadLetterTopic> topics = args.option("topic").map(t -> List.of(topic(t)))
                .orElse(Arrays.asList(DeadLetterTopic.values()));
        DeadLetterFilter filter = filter(args, args.option("from").orElse(ReplayWindow.BEGINNING));
        String bootstrap = ClusterOptions.bootstrapServers(args);
        try (KafkaConsumer<byte[], byte[]> consumer = TopicWindowReader.consumer(bootstrap, "reescreen-dlq-stats")) {
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
            for (DeadLetterTopic topic : topics) {
                try {
                    out.print(DeadLetterStats.read(topic, filter, reader, ledger, new ProgressPrinter(err, 2_000))
                            .format());
                } catch (IllegalStateException e) {
                    // One missing topic (an older deployment) must not hide the others.
                    out.printf("%-22s not read: %s%n", topic.topic(), e.getMessage());
                }
            }
        }
        return 0;
    }

    private int replay(CommandLine args, PrintStream out, PrintStream err) {
        args.allowOnly("topic", "reason", "lot", "from", "to", DRY_RUN, "per-transaction", "bootstrap-servers");
        args.required("reason");
        DeadLetterFilter filter = filter(args, args.required("from"));
        DeadLetterReplay.Request request;
        try {
            request = new DeadLetterReplay.Request(topic(args.option("topic").orElse(DeadLetterTopic.XRF_READINGS.topic())),
                    filter, args.flag(DRY_RUN), args.intOption("per-transaction", 100));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        ReplayReport report = DeadLetterReplay.run(request, ClusterOptions.bootstrapServers(args), err);
        out.print(report.format());
        return 0;
    }

    private static DeadLetterFilter filter(CommandLine args, String from) {
        try {
            return new DeadLetterFilter(args.option("reason"), ReplayWindow.parse(from, args.option("to").orElse(null)),
                    args.option("lot"));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
    }

    private static DeadLetterTopic topic(String name) {
        try {
            return DeadLetterTopic.named(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
    }
}
