package io.reescreen.screener.rescore;

import io.reescreen.replay.ProgressPrinter;
import io.reescreen.replay.ReleaseHistory;
import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.SkipCounts;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.screener.topology.ScreenerSerdes;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.predict.LotScorer;
import io.reescreen.screener.predict.LotToScore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import io.reescreen.release.ReleaseKey;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * {@code ./reescreen rescore}: re-scores the lot compositions of a stretch of history with a chosen model, exactly as
 * the screener scores a lot update ({@link LotScorer}, the screener's own code, on the composition the screener
 * aggregated, {@link CompositionLots}), writes one prediction per composition record to
 * {@link Topics#REE_PREDICTIONS_RESCORED} (key lotId), and compares each lot's latest rescored prediction with its
 * latest original one on ree.predictions over the same window ({@link RescoreComparison}).
 *
 * <p>Records that do not decode, tombstones, compositions the screener could not have written and lots the model
 * fails on are counted and skipped; only a window where nothing decodes at all fails.
 */
public final class Rescorer {

    /** Skip reasons of a rescore besides the shared ones. */
    static final String INVALID_COMPOSITION = "invalid composition";
    static final String MODEL_FAILED = "model failed";

    /** Metadata calls, and the longest a read may go without getting further. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Lots per model call, as the screener's coalesced scoring. */
    static final int BATCH = 256;

    /**
     * @param modelName the model name (and the name the predictions carry)
     * @param settings  threshold, its unit, noise samples, seed and alert probability, as the screener's
     * @param siteId    only this site's lots (the composition's site), and the predictions name its model; empty: all
     */
    public record Request(String modelName, ReplayWindow window, ScreenerSettings settings, Optional<String> siteId) {
        public Request {
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(siteId, "siteId");
        }

        /** Every site's lots. */
        public Request(String modelName, ReplayWindow window, ScreenerSettings settings) {
            this(modelName, window, settings, Optional.empty());
        }
    }

    /** A skip reason: a lot of another site than the one asked for. */
    static final String OTHER_SITE = "another site's lot";

    private Rescorer() {
    }

    /** Against a cluster: reads and writes through {@code bootstrapServers} with the registry serdes. */
    public static RescoreReport run(Request request, RescoreModel model, String bootstrapServers, ScreenerSerdes serdes,
                                    PrintStream progress) {
        return run(request, model, KafkaConnection.plaintext(bootstrapServers), serdes, progress);
    }

    /** The same on a cluster that wants security settings: its reader and its sink carry them. */
    public static RescoreReport run(Request request, RescoreModel model, KafkaConnection connection,
                                    ScreenerSerdes serdes, PrintStream progress) {
        String runId = UUID.randomUUID().toString();
        try (KafkaConsumer<byte[], byte[]> consumer = TopicWindowReader.consumer(connection, "reescreen-rescore");
             RescoredSink sink = RescoredSink.kafka(connection, serdes.reePrediction().serializer(), runId)) {
            return rescore(request, model, new TopicWindowReader(consumer, TIMEOUT), serdes.lotComposition().deserializer(),
                    serdes.reePrediction().deserializer(), sink, runId, progress);
        }
    }

    /** The model of {@code --model VERSION} (from models.releases) or {@code --model-file}. */
    public static RescoreModel model(String modelName, Optional<String> version, Optional<Path> file,
                                     String bootstrapServers, ScreenerSerdes serdes, PrintStream progress) {
        return model(modelName, Optional.empty(), version, file, bootstrapServers, serdes, progress);
    }

    /** The same, a release of the site's key ({@link ReleaseKey}: {@code name@site}) when a site is given. */
    public static RescoreModel model(String modelName, Optional<String> siteId, Optional<String> version,
                                     Optional<Path> file, String bootstrapServers, ScreenerSerdes serdes,
                                     PrintStream progress) {
        return model(modelName, siteId, version, file, KafkaConnection.plaintext(bootstrapServers), serdes, progress);
    }

    /** The same on a cluster that wants security settings (models.releases is read with them). */
    public static RescoreModel model(String modelName, Optional<String> siteId, Optional<String> version,
                                     Optional<Path> file, KafkaConnection connection, ScreenerSerdes serdes,
                                     PrintStream progress) {
        if (version.isPresent() == file.isPresent()) {
            throw new IllegalArgumentException("give either a release version or a model file");
        }
        if (file.isPresent()) {
            return RescoreModel.ofFile(file.get(), modelName);
        }
        String key = siteId.map(s -> ReleaseKey.site(modelName, s)).orElseGet(() -> ReleaseKey.base(modelName)).toString();
        progress.printf("reading models.releases for %s %s...%n", key, version.get());
        return RescoreModel.ofRelease(ReleaseHistory.read(connection, Topics.MODEL_RELEASES.name(),
                serdes.modelRelease().deserializer(), key, TIMEOUT).stream().flatMap(java.util.Optional::stream).toList(), version.get(), modelName);
    }

    /** The rescore on a given reader and sink. */
    public static RescoreReport rescore(Request request, RescoreModel model, TopicWindowReader reader,
                                        Deserializer<LotComposition> compositions, Deserializer<ReePrediction> predictions,
                                        RescoredSink sink, String runId, PrintStream progress) {
        long started = System.nanoTime();
        String topic = Topics.LOT_COMPOSITIONS.name();
        progress.printf("model: %s %s (%s)%n", model.info().modelName(), model.info().version(), model.source());
        progress.printf("rescoring %s, %s, into %s...%n", topic, request.window().describe(),
                Topics.REE_PREDICTIONS_RESCORED.name());
        List<TopicWindowReader.PartitionRange> ranges = reader.ranges(topic, request.window());
        LotScorer scorer = new LotScorer(request.settings().scoringSettings());
        RescoreComparison comparison = new RescoreComparison();
        SkipCounts skipped = new SkipCounts();
        List<Pending> batch = new ArrayList<>(BATCH);
        long[] scored = {0};
        long[] decoded = {0};
        long[] timestamps = {Long.MAX_VALUE, Long.MIN_VALUE};
        long records = reader.read(topic, ranges, r -> {
            Optional<LotComposition> c = decode(r, compositions, skipped);
            if (c.isEmpty()) {
                return;
            }
            decoded[0]++;
            if (request.siteId().isPresent() && !request.siteId().get().equals(c.get().getSiteId())) {
                skipped.add(OTHER_SITE, where(r) + " (" + c.get().getSiteId() + ")");
                return;
            }
            LotToScore lot;
            try {
                lot = CompositionLots.toScore(c.get());
            } catch (RuntimeException e) {
                skipped.add(INVALID_COMPOSITION, where(r) + " (" + c.get().getLotId() + "): " + e.getMessage());
                return;
            }
            timestamps[0] = Math.min(timestamps[0], r.timestamp());
            timestamps[1] = Math.max(timestamps[1], r.timestamp());
            batch.add(new Pending(lot, r));
            if (batch.size() >= BATCH) {
                scored[0] += score(batch, scorer, model, request.siteId(), sink, comparison, skipped);
                batch.clear();
            }
        }, new ProgressPrinter(progress, 1000));
        scored[0] += score(batch, scorer, model, request.siteId(), sink, comparison, skipped);
        sink.flush();
        if (records > 0 && decoded[0] == 0 && skipped.count(SkipCounts.UNDECODABLE) == records) {
            throw new IllegalStateException("none of the " + records + " records of " + topic + " in the window decodes "
                    + "as a LotComposition (wrong registry?); first error: " + skipped.firstDetail(SkipCounts.UNDECODABLE));
        }

        String originals = Topics.REE_PREDICTIONS.name();
        progress.printf("reading the original predictions, %s, %s...%n", originals, request.window().describe());
        SkipCounts originalsSkipped = new SkipCounts();
        long originalsRead = reader.read(originals, reader.ranges(originals, request.window()), r -> {
            if (r.value() == null) {
                originalsSkipped.add(SkipCounts.TOMBSTONE, where(r));
                return;
            }
            try {
                ReePrediction p = predictions.deserialize(r.topic(), r.headers(), r.value());
                if (p != null) {
                    comparison.original(p);
                }
            } catch (RuntimeException e) {
                originalsSkipped.add(SkipCounts.UNDECODABLE, where(r) + ": " + e.getMessage());
            }
        }, new ProgressPrinter(progress, 1000));

        return new RescoreReport(model.info().modelName(), model.info().version(), model.source(), request.window(), topic,
                ranges, records, scored[0], skipped, comparison.lots(),
                decoded[0] == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(timestamps[0])),
                decoded[0] == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(timestamps[1])),
                Topics.REE_PREDICTIONS_RESCORED.name(), runId, originalsRead, originalsSkipped,
                comparison.result(request.settings().alertProbability()), request.settings(),
                (System.nanoTime() - started) / 1e9);
    }

    private record Pending(LotToScore lot, ConsumerRecord<byte[], byte[]> source) {
    }

    /**
     * Scores a batch in one model call; if the call fails, lot by lot, so one lot the model cannot take does not cost
     * the others their prediction (as the screener does).
     */
    private static long score(List<Pending> batch, LotScorer scorer, RescoreModel model, Optional<String> siteId,
                              RescoredSink sink, RescoreComparison comparison, SkipCounts skipped) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<ReePrediction> out;
        try {
            out = scorer.scoreAll(batch.stream().map(Pending::lot).toList(), model.info(), model.model(),
                    System.currentTimeMillis());
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                skipped.add(MODEL_FAILED, where(batch.get(0).source()) + " (" + batch.get(0).lot().lotId()
                        + "): " + e);
                return 0;
            }
            long n = 0;
            for (Pending p : batch) {
                n += score(List.of(p), scorer, model, siteId, sink, comparison, skipped);
            }
            return n;
        }
        if (siteId.isPresent()) {
            out = out.stream().map(p -> ReePrediction.newBuilder(p).setModelSiteId(siteId.get()).build()).toList();
        }
        for (int i = 0; i < batch.size(); i++) {
            sink.send(out.get(i), batch.get(i).source());
            comparison.rescored(out.get(i));
        }
        return batch.size();
    }

    private static Optional<LotComposition> decode(ConsumerRecord<byte[], byte[]> r,
                                                   Deserializer<LotComposition> compositions, SkipCounts skipped) {
        if (r.value() == null) {
            skipped.add(SkipCounts.TOMBSTONE, where(r));
            return Optional.empty();
        }
        try {
            LotComposition c = compositions.deserialize(r.topic(), r.headers(), r.value());
            if (c == null) {
                skipped.add(SkipCounts.UNDECODABLE, where(r) + ": decoded to nothing");
            }
            return Optional.ofNullable(c);
        } catch (RuntimeException e) {
            skipped.add(SkipCounts.UNDECODABLE, where(r) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String where(ConsumerRecord<?, ?> r) {
        return "p" + r.partition() + "@" + r.offset();
    }
}
