package io.reescreen.bench.faults;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The Markdown of {@code infra/bench/results/faults.md}: what ran, where, the command, the table. */
final class FaultsReport {

    private FaultsReport() {
    }

    static String markdown(FaultsBenchmark.Settings settings, Instant startedAt, double seconds, LoadSampler load,
                           List<FaultRow> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# Faults benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Run %s on %d CPU cores (%s %s), Java %s, in %.0f s. Load average "
                        + "(1 min) %.1f at the start, %.1f at most (sampled every 5 s), %.1f at the end: other builds "
                        + "shared the machine, so the times are a loaded machine's.%n%n",
                startedAt, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), seconds, load.atStart(), load.max(),
                load.atEnd()));
        md.append("Command: `").append(settings.command()).append("`\n\n");
        md.append(String.format(Locale.ROOT, """
                Every part is a process of its own: `./reescreen stack` (Kafka broker in its JVM, Apicurio Registry \
                as its child JVM, KafkaSQL storage) on a temporary work folder, `./reescreen screener` and \
                `./reescreen retrainer` against it (static membership, their default instance names). The faults are \
                real signals to those processes. A probe producer (the simulator, idempotent, acks=all) sends \
                good readings for 12 lots at %.0f readings/s through the faults; outside consumers read with \
                isolation.level=read_committed.

                Invariants checked (counts: sent / expected / seen / lost / duplicated):
                - screener kill -9 / SIGTERM and registry restart: for every probe lot, the last committed \
                `lot.compositions` record's `shotCount` equals the readings the broker acknowledged for that lot \
                (each valid reading counted exactly once), and the last `ree.predictions` record's `readingCount` \
                equals it too (the prediction covers every reading). Sent = readings acknowledged; expected = their \
                sum over lots; seen = the sum of the lots' final shot counts; lost / duplicated = the sums of the \
                per-lot shortfalls / excesses. Dead-lettered: the probe lots' readings on `xrf.readings.dlq`, by \
                reason (they are counted as lost too, since no composition holds them, but are not gone: \
                `./reescreen dlq replay --reason R` re-admits them). Predictions are coalesced (one may cover several readings), so their \
                number is not fixed; what is checked is that the final one covers each reading once.
                - retrainer kill -9: every lab result id the broker acknowledged appears exactly once on \
                `training.examples` or, held for review, on `lab.results.held` (expected 1 per id).
                - registry restart: a consumer with new deserializers (no cached schema) decodes every \
                `lot.compositions` and `ree.predictions` record, split by record time into before the kill, while \
                the registry was down or starting, and after it was ready.
                - corrupt release + compaction: after the log cleaner left only the corrupt record of the model \
                name on `models.releases`, the restarted screener serves the good release (GET /model).

                Times: kill → output is from the signal to the first new committed record on the service's output \
                topic (`ree.predictions`, `training.examples`); restart → output is from the moment the killed \
                process had exited (the new one is started at once) to that record, i.e. JVM and service start-up \
                plus the streams' catching up.

                """, settings.rate()));
        md.append("| scenario | runs | sent | expected | seen | lost | duplicated | dead-lettered (reasons) | check "
                + "| times (median; each run) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        rows.forEach(row -> md.append(row.markdown()).append('\n'));
        return md.toString();
    }
}
