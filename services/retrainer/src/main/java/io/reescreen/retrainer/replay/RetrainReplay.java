package io.reescreen.retrainer.replay;

import io.reescreen.model.training.BootstrapModel;
import io.reescreen.replay.ProgressPrinter;
import io.reescreen.replay.ReleaseHistory;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.SkipCounts;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.retrainer.release.KafkaReleasePublisher;
import io.reescreen.retrainer.training.ExampleDataset;
import io.reescreen.retrainer.training.RetrainingLoop;
import io.reescreen.retrainer.training.RetrainingOutcome;
import io.reescreen.retrainer.training.RetrainingSettings;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.release.ReleaseKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./reescreen retrain}: rebuilds a model from the history of training.examples. Reads the examples between two
 * times, takes the model the screeners serve now as the champion, and makes ONE retraining attempt exactly as the
 * retrainer does ({@link RetrainingLoop#retrainNow}: the champion/challenger gate on held-out examples, then, if
 * accepted, the challenger trained on all of them and its release). The release goes to models.releases only when
 * asked ({@link Request#publish()}); otherwise the summary says what it would have been. With a site
 * ({@link Request#siteId()}), only that site's examples, and the attempt is that site's as the service makes it: a
 * transfer from the base model judged against the site's model in force (the base while it has none), released under
 * {@code name@site}. Without one, the base model on every example, whatever its site.
 *
 * <p>Records that do not decode, tombstones and examples the model library cannot take are counted and skipped; only
 * a range where nothing decodes at all fails (that is a wrong registry or topic, not bad records).
 */
public final class RetrainReplay {

    /** A skip reason: an example the model library cannot take. */
    static final String INVALID_EXAMPLE = "invalid example";

    /** Metadata calls, and the longest a read may go without getting further. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param baseModel the bootstrap model, the champion when the model name has no release in force (asked for only
     *                  then: it may be trained on the spot)
     */
    public record Request(String modelName, ReplayWindow window, boolean publish,
                          Optional<Supplier<BootstrapModel>> baseModel, RetrainingSettings settings,
                          Optional<String> siteId) {
        public Request {
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(baseModel, "baseModel");
            Objects.requireNonNull(settings, "settings");
        }

        /** The base model's replay, on every example. */
        public Request(String modelName, ReplayWindow window, boolean publish,
                       Optional<Supplier<BootstrapModel>> baseModel, RetrainingSettings settings) {
            this(modelName, window, publish, baseModel, settings, Optional.empty());
        }

        /** The release key the attempt is for. */
        public ReleaseKey key() {
            return siteId.map(s -> ReleaseKey.site(modelName, s)).orElseGet(() -> ReleaseKey.base(modelName));
        }
    }

    /** A skip reason: an example of another site than the one asked for. */
    static final String OTHER_SITE = "another site's example";

    private RetrainReplay() {
    }

    /**
     * Against a cluster: the release history and examples from {@code bootstrapServers}, the release (with
     * {@code publish}) back to models.releases.
     *
     * @param progress where progress goes (stderr)
     */
    public static RetrainReport run(Request request, String bootstrapServers, Deserializer<TrainingExample> examples,
                                    Deserializer<ModelRelease> releaseReader, Serializer<ModelRelease> releaseWriter,
                                    Clock clock, PrintStream progress) {
        return run(request, KafkaConnection.plaintext(bootstrapServers), examples, releaseReader, releaseWriter, clock,
                progress);
    }

    /** The same on a cluster that wants security settings: the history readers and the release producer carry them. */
    public static RetrainReport run(Request request, KafkaConnection connection, Deserializer<TrainingExample> examples,
                                    Deserializer<ModelRelease> releaseReader, Serializer<ModelRelease> releaseWriter,
                                    Clock clock, PrintStream progress) {
        String releases = Topics.MODEL_RELEASES.name();
        progress.printf("reading models.releases for the champion of %s...%n", request.key());
        List<Optional<ModelRelease>> history = ReleaseHistory.read(connection, releases, releaseReader,
                ReleaseKey.base(request.modelName()).toString(), TIMEOUT);
        ReplayChampion base = ReplayChampion.resolve(request.modelName(), history, request.baseModel());
        Optional<ReplayChampion> siteChampion = request.siteId().isEmpty() ? Optional.empty()
                : ReplayChampion.resolveSite(request.key(), ReleaseHistory.read(connection, releases, releaseReader,
                        request.key().toString(), TIMEOUT));
        try (KafkaConsumer<byte[], byte[]> consumer = TopicWindowReader.consumer(connection,
                "reescreen-retrain-replay")) {
            TopicWindowReader reader = new TopicWindowReader(consumer, TIMEOUT);
            if (!request.publish()) {
                return replay(request, base, siteChampion, reader, examples, release -> {
                    throw new IllegalStateException("not asked to publish");
                }, clock, progress);
            }
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "reescreen-retrain-replay");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaReleasePublisher publisher = new KafkaReleasePublisher(new KafkaProducer<>(
                    connection.clientConfig(config), new StringSerializer(), releaseWriter), TIMEOUT, (release, offset) -> progress.printf(
                            "published %s at offset %d of %s%n", release.getVersion(), offset,
                            Topics.MODEL_RELEASES.name()))) {
                return replay(request, base, siteChampion, reader, examples, publisher, clock, progress);
            }
        }
    }

    /**
     * The replay on a given reader and champion.
     *
     * @param publisher used only when the request says publish
     */
    public static RetrainReport replay(Request request, ReplayChampion champion, TopicWindowReader reader,
                                       Deserializer<TrainingExample> examples, RetrainingLoop.ReleasePublisher publisher,
                                       Clock clock, PrintStream progress) {
        return replay(request, champion, Optional.empty(), reader, examples, publisher, clock, progress);
    }

    /**
     * The replay on a given reader and champions.
     *
     * @param base         the base model in force (what a site's challenger is transferred from)
     * @param siteChampion the site's own model in force, if it has one (else the base is its champion)
     * @param publisher    used only when the request says publish
     */
    public static RetrainReport replay(Request request, ReplayChampion base, Optional<ReplayChampion> siteChampion,
                                       TopicWindowReader reader, Deserializer<TrainingExample> examples,
                                       RetrainingLoop.ReleasePublisher publisher, Clock clock, PrintStream progress) {
        ReplayChampion champion = siteChampion.orElse(base);
        RetrainingLoop.ChampionSource champions = new RetrainingLoop.ChampionSource() {
            @Override
            public String version() {
                return base.version();
            }

            @Override
            public ModelArtifact artifact() {
                return base.artifact();
            }

            @Override
            public RetrainingLoop.ChampionSource ofSite(String siteId) {
                return champion;
            }
        };
        long started = System.nanoTime();
        String topic = Topics.TRAINING_EXAMPLES.name();
        progress.printf("champion: %s (%s)%n", champion.version(), champion.source());
        progress.printf("reading %s, %s...%n", topic, request.window().describe());
        List<TopicWindowReader.PartitionRange> ranges = reader.ranges(topic, request.window());

        AtomicReference<ModelRelease> candidate = new AtomicReference<>();
        RetrainingLoop.ReleasePublisher gated = release -> {
            candidate.set(release);
            if (request.publish()) {
                publisher.publish(release);
            }
        };
        // Examples go in as history (they trigger nothing): the one attempt is the explicit retrainNow below.
        RetrainingLoop loop = new RetrainingLoop(request.modelName(), request.settings(), Integer.MAX_VALUE, champions,
                gated, clock);
        SkipCounts skipped = new SkipCounts();
        long[] decoded = {0};
        long[] timestamps = {Long.MAX_VALUE, Long.MIN_VALUE};
        long records = reader.read(topic, ranges, r -> {
            Optional<TrainingExample> example = decode(r, examples, skipped).flatMap(e -> ofSite(e, request, skipped,
                    "p" + r.partition() + "@" + r.offset()));
            if (example.isEmpty()) {
                return;
            }
            loop.addHistory(example.get(), r.topic(), r.partition(), r.offset());
            decoded[0]++;
            timestamps[0] = Math.min(timestamps[0], r.timestamp());
            timestamps[1] = Math.max(timestamps[1], r.timestamp());
        }, new ProgressPrinter(progress, 1000));
        if (records > 0 && decoded[0] == 0 && skipped.count(SkipCounts.UNDECODABLE) == records) {
            throw new IllegalStateException("none of the " + records + " records of " + topic + " in the window decodes "
                    + "as a TrainingExample (wrong registry?); first error: " + skipped.firstDetail(SkipCounts.UNDECODABLE));
        }
        progress.printf(Locale.ROOT, "read in %.1f s; retraining on %d examples (%d distinct lab results) against %s...%n",
                (System.nanoTime() - started) / 1e9, decoded[0], loop.exampleCount(), champion.version());
        RetrainingOutcome outcome = loop.retrainNow("replay of " + topic + " " + request.window().describe()
                + request.siteId().map(s -> " for site " + s).orElse(""), request.siteId());
        Optional<Instant> first = decoded[0] == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(timestamps[0]));
        Optional<Instant> last = decoded[0] == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(timestamps[1]));
        return new RetrainReport(request.key().toString(), request.window(), topic, ranges, records, decoded[0],
                loop.exampleCount(), skipped, first, last, champion.version(), champion.source(), outcome,
                Optional.ofNullable(candidate.get()), request.publish() && outcome.published(),
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * With a site asked for, that site's examples only (others counted); without one, every example as the base
     * model's (its site cleared), so the one attempt is the base model's on all of them, as before site models.
     */
    private static Optional<TrainingExample> ofSite(TrainingExample e, Request request, SkipCounts skipped, String where) {
        if (request.siteId().isEmpty()) {
            return Optional.of(e.getSiteId() == null ? e : TrainingExample.newBuilder(e).setSiteId(null).build());
        }
        if (!request.siteId().get().equals(e.getSiteId())) {
            skipped.add(OTHER_SITE, where + " (" + e.getSiteId() + ")");
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** The example, or empty (counted) for a tombstone, undecodable bytes, or an example the model cannot take. */
    private static Optional<TrainingExample> decode(ConsumerRecord<byte[], byte[]> r,
                                                    Deserializer<TrainingExample> examples, SkipCounts skipped) {
        String where = "p" + r.partition() + "@" + r.offset();
        if (r.value() == null) {
            skipped.add(SkipCounts.TOMBSTONE, where);
            return Optional.empty();
        }
        TrainingExample e;
        try {
            e = examples.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException ex) {
            skipped.add(SkipCounts.UNDECODABLE, where + ": " + ex.getMessage());
            return Optional.empty();
        }
        if (e == null) {
            skipped.add(SkipCounts.UNDECODABLE, where + ": decoded to nothing");
            return Optional.empty();
        }
        try {
            // The conversion the gate and the trainer apply to every example: one bad example must not sink the run.
            ExampleDataset.of("check", List.of(e));
        } catch (RuntimeException ex) {
            skipped.add(INVALID_EXAMPLE, where + " (" + e.getExampleId() + "): " + ex.getMessage());
            return Optional.empty();
        }
        return Optional.of(e);
    }
}
