package io.reescreen.launcher.dlq;

import io.reescreen.replay.ProgressPrinter;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.SkipCounts;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the topic they came from, after the operator fixed what put them there; the services
 * then check them again, so one still bad is dead-lettered again with a fresh reason.
 *
 * <p>Exactly once: each re-admitted record and its marker on {@code dlq.replays} ({@link ReplayLedger}) are written
 * in one Kafka transaction, and the ledger is read back before anything is sent. The transactional id is fixed per
 * dead-letter topic, so starting a replay fences any earlier one still alive and ends the transaction a killed one
 * left open (aborted, or completed if it was already committing) before the ledger is read. A dead letter is
 * therefore re-admitted at most once however often the command runs, with whatever overlapping filters, and whether
 * or not an earlier run was killed midway; a second replay started while one is running stops the first.
 */
public final class DeadLetterReplay {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param perTransaction records re-admitted per transaction (a kill loses at most that many from the run, which
     *                       the next run re-admits)
     */
    public record Request(DeadLetterTopic topic, DeadLetterFilter filter, boolean dryRun, int perTransaction) {
        public Request {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(filter, "filter");
            if (perTransaction < 1) {
                throw new IllegalArgumentException("--per-transaction must be at least 1, got " + perTransaction);
            }
            topic.whyNotReplayable().ifPresent(why -> {
                throw new IllegalArgumentException(topic.topic() + " is not replayed: " + why);
            });
        }
    }

    /** Told after each record is sent, before its transaction commits (tests interrupt a replay here). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = sentInRun -> { };

        void sent(long sentInRun);
    }

    private DeadLetterReplay() {
    }

    /** Progress lines go to {@code progress}; the summary is the report's. */
    public static ReplayReport run(Request request, String bootstrapServers, PrintStream progress) {
        return run(request, bootstrapServers, progress, Listener.NONE);
    }

    public static ReplayReport run(Request request, String bootstrapServers, PrintStream progress, Listener listener) {
        return run(request, KafkaConnection.plaintext(bootstrapServers), progress, listener);
    }

    /** On a cluster that wants security settings: every client of the replay (its transactional producer too). */
    public static ReplayReport run(Request request, KafkaConnection connection, PrintStream progress) {
        return run(request, connection, progress, Listener.NONE);
    }

    public static ReplayReport run(Request request, KafkaConnection connection, PrintStream progress,
                                   Listener listener) {
        String run = UUID.randomUUID().toString();
        try (Producer<byte[], byte[]> producer = request.dryRun() ? null : producer(connection, request.topic());
             KafkaConsumer<byte[], byte[]> reading = TopicWindowReader.consumer(connection, "reescreen-dlq-replay");
             KafkaConsumer<byte[], byte[]> sources = TopicWindowReader.consumer(connection,
                     "reescreen-dlq-replay-source")) {
            if (producer != null) {
                // Fences an earlier replay of this topic and ends the transaction it may have left open, so that the
                // ledger read next is complete.
                producer.initTransactions();
            }
            TopicWindowReader reader = new TopicWindowReader(reading, TIMEOUT);
            ReplayLedger ledger = ReplayLedger.read(reader);
            progress.println("dlq.replays: " + ledger.count(request.topic().topic()) + " dead letters of "
                    + request.topic().topic() + " re-admitted before");
            Pass pass = new Pass(request, ledger, new OriginalRecords(sources, TIMEOUT), producer, run, progress,
                    listener);
            String topic = request.topic().topic();
            // The whole topic: some dead-letter topics keep the source's timestamps, so offsetsForTimes could skip
            // records dead-lettered inside the window. The filter judges each record by its dead-letter time.
            long read = reader.read(topic, reader.ranges(topic, new ReplayWindow(Optional.empty(), Optional.empty())),
                    pass::handle, new ProgressPrinter(progress, 2_000));
            pass.commit();
            return new ReplayReport(request.topic(), request.filter(), request.dryRun(), run, read, pass.matched,
                    pass.readmitted, pass.transactions, pass.already, pass.notReplayable);
        }
    }

    private static Producer<byte[], byte[]> producer(KafkaConnection connection, DeadLetterTopic topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reescreen-dlq-replay-" + topic.topic());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reescreen-dlq-replay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // An original re-read from the source topic may be as large as that topic took (the broker's default
        // message.max.bytes, 1,048,588 bytes), a little above the producer's default request limit.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        return new KafkaProducer<>(connection.clientConfig(config), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** One run over the dead-letter topic: what matched, and the open transaction. Not thread-safe. */
    private static final class Pass {
        private final Request request;
        private final ReplayLedger ledger;
        private final OriginalRecords originals;
        private final Producer<byte[], byte[]> producer;
        private final String run;
        private final PrintStream progress;
        private final Listener listener;
        private final SkipCounts notReplayable = new SkipCounts();
        private long matched;
        private long readmitted;
        private long already;
        private long transactions;
        private int inTransaction;

        Pass(Request request, ReplayLedger ledger, OriginalRecords originals, Producer<byte[], byte[]> producer,
             String run, PrintStream progress, Listener listener) {
            this.request = request;
            this.ledger = ledger;
            this.originals = originals;
            this.producer = producer;
            this.run = run;
            this.progress = progress;
            this.listener = listener;
        }

        void handle(ConsumerRecord<byte[], byte[]> deadLetter) {
            if (!request.filter().matches(deadLetter)) {
                return;
            }
            matched++;
            if (ledger.replayed(deadLetter)) {
                already++;
                return;
            }
            OriginalRecords.Resolution original = originals.resolve(deadLetter);
            if (!original.replayable()) {
                notReplayable.add(original.notReplayable(), original.detail());
                return;
            }
            readmitted++;
            if (producer == null) {
                return;
            }
            if (inTransaction == 0) {
                producer.beginTransaction();
            }
            Readmission r = original.readmission();
            String target = request.topic().source();
            producer.send(new ProducerRecord<>(target, null, r.timestampMs(), r.key(), r.value(), r.headers()));
            producer.send(ReplayLedger.marker(deadLetter, target, DeadLetterFilter.reasonOf(deadLetter), run,
                    Instant.now()));
            inTransaction++;
            listener.sent(readmitted);
            if (inTransaction >= request.perTransaction()) {
                commit();
            }
        }

        /** Commits the open transaction, if any; a failed commit throws and the next run re-admits its records. */
        void commit() {
            if (producer == null || inTransaction == 0) {
                return;
            }
            producer.commitTransaction();
            transactions++;
            inTransaction = 0;
            progress.println("committed transaction " + transactions + ": " + readmitted + " re-admitted to "
                    + request.topic().source() + " so far");
        }
    }
}
