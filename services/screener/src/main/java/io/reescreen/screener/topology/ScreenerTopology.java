package io.reescreen.screener.topology;

import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.alert.AlertDetector;
import io.reescreen.screener.alert.LotVerdict;
import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.screener.deadletter.StagedReading;
import io.reescreen.screener.decode.ReadingDecodeStage;
import io.reescreen.screener.decode.ReadingDecoder;
import io.reescreen.screener.enrich.EnrichedReading;
import io.reescreen.screener.enrich.ReadingEnrichmentStage;
import io.reescreen.screener.lot.LateLotSites;
import io.reescreen.screener.lot.LotAggregate;
import io.reescreen.screener.lot.LotAggregator;
import io.reescreen.screener.lot.LotRetention;
import io.reescreen.screener.reasons.LotDlqReason;
import io.reescreen.screener.lotinfo.LotInfoScreen;
import io.reescreen.screener.lotinfo.ScreenedLotInfo;
import io.reescreen.screener.lotinfo.LotInfoStateSerde;
import io.reescreen.screener.lotinfo.LotInfoValidator;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.partition.LotPartitionGate;
import io.reescreen.screener.partition.LotRepartition;
import io.reescreen.screener.predict.Backlog;
import io.reescreen.screener.predict.InputBacklog;
import io.reescreen.screener.predict.LotPredictor;
import io.reescreen.screener.predict.LotResult;
import io.reescreen.screener.predict.ScoredLot;
import io.reescreen.screener.release.GatedRelease;
import io.reescreen.screener.release.ModelReleaseProcessor;
import io.reescreen.screener.release.ReleaseGate;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.state.AvroSingleObjectSerde;
import io.reescreen.screener.validate.ReadingValidationStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The screener's Kafka Streams topology:
 * <pre>
 * lots (bytes) ─► lots-gate ─► (app)-lots-by-lot-repartition ─► screen-lots ─► store lot-info ─┐
 *                  └ no key / too large ─► lots.dlq              └ rejected, stale ─► lots.dlq │
 * xrf.readings (bytes) ─► readings-gate ─► (app)-readings-by-lot-repartition ─┐                │
 *                          └ no key / too large ─► xrf.readings.dlq           │                │ (lookup)
 * ┌───────────────────────────────────────────────────────────────────────────┘                │
 * └► screen-readings (decode) ─► validate-readings ◄───────────────────────────────────────────┘
 *                                       │
 *                                       ▼
 *                                enrich-readings ─┬─ rejected by any of the three ─► xrf.readings.dlq
 *                                                 │  (original bytes, reason headers)
 *                                                 └─ accepted ─► aggregate-lots ─► predict-lots ─┬─► lot.compositions
 *                                                                                                ├─► ree.predictions
 *                                                                                                └─► detect-alerts ─► ree.alerts
 *              (compositions and predictions: every update, or each changed lot once per prediction interval)
 * models.releases ─► check-releases (ReleaseGate) ─┬─ accepted ─► models.served   (the record's bytes, unchanged)
 *                                                  └─ refused ──► models.releases.dlq (original bytes, reason headers)
 * models.served ─► global store model-releases ─► CurrentModel (hot swap, read by validate-readings and predict-lots)
 * </pre>
 * The reading path is a line of stages, one processor and package each: decode ({@link ReadingDecodeStage}), validate
 * ({@link ReadingValidationStage}, which reads the lot-info store), enrich ({@link ReadingEnrichmentStage}), then
 * aggregate, predict, alert. A reading refused by any of the first three reaches the one DLQ sink as its original
 * bytes; see {@link io.reescreen.screener.deadletter.StagedReading}.
 * <p>Producers key both inputs by lot id, but which partition a record lands on depends on their client's partitioner;
 * so both are first copied onto internal topics partitioned by lot id ({@link LotRepartition}), and everything after
 * stays keyed by lot id on that partition. With {@link ScreenerSettings#producersPartitionByLotId()} the hop is
 * skipped. Construction only: the configuration to run it is {@link ScreenerStreamsConfig}.
 */
public final class ScreenerTopology {

    /**
     * The optimisation the screener's configuration has always carried. The topology no longer has a KTable (lots are
     * screened by a processor, so bad ones can be dead-lettered), so it changes nothing now; it stays so that
     * existing configurations remain valid.
     */
    public static final String OPTIMIZATION = StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS;

    private ScreenerTopology() {
    }

    /**
     * @param models  the model in force, starting with the bootstrap; the topology's global processor swaps releases
     *                into it and its stream processors read it. One per KafkaStreams instance; close it after the
     *                streams.
     * @param metrics shared by every processor (thread-safe)
     */
    public static Topology buildTopology(ScreenerSettings settings, ScreenerSerdes serdes, CurrentModel models,
                                         ScreenerMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, settings, serdes, models, metrics);
        Properties props = new Properties();
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, OPTIMIZATION);
        return builder.build(props);
    }

    /**
     * Adds the screener to a builder someone else owns (e.g. Micronaut's {@code ConfiguredStreamBuilder}).
     *
     * @return the stream of raw xrf.readings records the topology starts from (Micronaut wants a {@code KStream}
     *         bean per stream definition; nothing else should be attached to it)
     */
    public static KStream<byte[], byte[]> addTo(StreamsBuilder builder, ScreenerSettings settings,
                                                ScreenerSerdes serdes, CurrentModel models, ScreenerMetrics metrics) {
        return addTo(builder, settings, serdes, models, metrics, Backlog.NONE);
    }

    /**
     * As {@link #addTo(StreamsBuilder, ScreenerSettings, ScreenerSerdes, CurrentModel, ScreenerMetrics)}, with the
     * prediction flush told when the screener is behind its input (e.g. an {@link InputBacklog} on the streams'
     * consumers), so that it scores changed lots less often then.
     */
    public static KStream<byte[], byte[]> addTo(StreamsBuilder builder, ScreenerSettings settings,
                                                ScreenerSerdes serdes, CurrentModel models, ScreenerMetrics metrics,
                                                Backlog backlog) {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(backlog, "backlog");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(metrics, "metrics");

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.MODEL_RELEASES), Serdes.String(),
                        serdes.modelRelease()).withLoggingDisabled(),
                Topics.MODEL_SERVED.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("models-served-source"),
                () -> new ModelReleaseProcessor(settings.modelName(), serdes.modelRelease().deserializer(), models,
                        metrics));

        // The lot-keyed stores are cached: a lot rewritten by many readings between two commits costs one store write
        // and one changelog record per commit, not one per reading. Reads (the stages', and interactive queries through
        // KafkaStreams#store) go through the cache, so they see every write at once. lot-reading-ids is not: each
        // key is written once, so a cache would only hold it longer.
        builder.addStateStore(store(settings, StoreNames.LOT_AGGREGATES, LotAggregate.SERDE).withCachingEnabled());
        builder.addStateStore(store(settings, StoreNames.LOT_READING_IDS, Serdes.Long()));
        builder.addStateStore(store(settings, StoreNames.LOT_PREDICTIONS, new AvroSingleObjectSerde<>(ReePrediction.class))
                .withCachingEnabled());
        builder.addStateStore(store(settings, StoreNames.LOT_VERDICTS, LotVerdict.SERDE).withCachingEnabled());
        boolean coalesce = !settings.predictionInterval().isZero();
        if (coalesce) {
            builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(settings.persistentStores()
                            ? Stores.persistentTimestampedKeyValueStore(StoreNames.LOT_PENDING_PREDICTIONS)
                            : Stores.inMemoryKeyValueStore(StoreNames.LOT_PENDING_PREDICTIONS),
                    Serdes.String(), LotAggregate.SERDE).withCachingEnabled());
        }

        KStream<byte[], byte[]> readings = builder.stream(Topics.XRF_READINGS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("xrf-readings-source"));
        KStream<byte[], byte[]> lotRecords = builder.stream(Topics.LOTS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("lots-source"));
        KStream<byte[], byte[]> readingsByLot = readings;
        KStream<byte[], byte[]> lotRecordsByLot = lotRecords;
        if (!settings.producersPartitionByLotId()) {
            readingsByLot = LotRepartition.byLotId(readings, "readings", Topics.XRF_READINGS.name(),
                    Topics.XRF_READINGS_DLQ.name(), new LotPartitionGate.Rejections(DlqReason.LOT_KEY_MISMATCH,
                            DlqReason.TOO_LARGE, reason -> {
                                metrics.readingReceived();
                                metrics.readingDeadLettered((DlqReason) reason);
                            }), settings.lotPartitions(), settings.lotHopMisroutedOnly());
            lotRecordsByLot = LotRepartition.byLotId(lotRecords, "lots", Topics.LOTS.name(), Topics.LOTS_DLQ.name(),
                    new LotPartitionGate.Rejections(LotDlqReason.LOT_KEY_MISMATCH, LotDlqReason.TOO_LARGE, reason -> {
                        metrics.lotInfoReceived();
                        metrics.lotInfoDeadLettered((LotDlqReason) reason);
                    }), settings.lotPartitions(), settings.lotHopMisroutedOnly());
        }

        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(settings.persistentStores()
                        ? Stores.persistentTimestampedKeyValueStore(StoreNames.LOT_INFO)
                        : Stores.inMemoryKeyValueStore(StoreNames.LOT_INFO),
                Serdes.String(), LotInfoStateSerde.SERDE).withCachingEnabled());
        Map<String, KStream<byte[], ScreenedLotInfo>> screenedLots = lotRecordsByLot
                .process(() -> new LotInfoScreen(new LotInfoValidator(settings.maxFutureSkew()),
                                serdes.lotInfo().deserializer(), metrics, DeadLetter.DEFAULT_MAX_RECORD_BYTES),
                        Named.as("screen-lots"), StoreNames.LOT_INFO)
                .split(Named.as("lot-info-"))
                .branch((key, screenedLot) -> !screenedLot.isDeadLetter(), Branched.as("kept"))
                .defaultBranch(Branched.as("rejected"));
        screenedLots.get("lot-info-rejected")
                .mapValues(ScreenedLotInfo::deadLetterValue, Named.as("lots-dlq-original-bytes"))
                .to(Topics.LOTS_DLQ.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("lots-dlq-sink"));

        // decode → validate → enrich, each a processor of its own; a stage's dead letter passes through the stages
        // after it to the one DLQ sink, the original bytes travelling with the reading until the last that can refuse.
        Map<String, KStream<byte[], StagedReading<EnrichedReading>>> screened = readingsByLot
                .process(() -> new ReadingDecodeStage(ReadingDecoder.of(serdes.xrfReading().deserializer()), metrics),
                        Named.as("screen-readings"))
                .process(() -> new ReadingValidationStage(settings.validationLimits(), () -> models.info().features(),
                        metrics), Named.as("validate-readings"), StoreNames.LOT_INFO)
                .process(() -> new ReadingEnrichmentStage(settings.readingPolicy(), metrics),
                        Named.as("enrich-readings"))
                .split(Named.as("reading-"))
                .branch((key, reading) -> !reading.isDeadLetter(), Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));

        screened.get("reading-rejected")
                .mapValues(StagedReading::deadLetterValue, Named.as("dlq-original-bytes"))
                .to(Topics.XRF_READINGS_DLQ.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dlq-sink"));

        KStream<String, LotAggregate> lots = screened.get("reading-accepted")
                // The key was checked to be this lot id, so the record stays on its partition.
                .map((key, reading) -> KeyValue.<String, EnrichedReading>pair(reading.value().lotId(), reading.value()),
                        Named.as("key-by-lot"))
                .process(() -> new LotAggregator(settings.aggregationSettings(),
                                new LotRetention(settings.retentionSettings(), coalesce), metrics),
                        Named.as("aggregate-lots"), aggregatorStores(settings, coalesce))
                // A lot whose metadata came after its readings is scored again, now with its site's model.
                .merge(screenedLots.get("lot-info-kept")
                        .map((key, screenedLot) -> KeyValue.pair(screenedLot.kept().getLotId(), screenedLot.kept()),
                                Named.as("lot-info-by-lot"))
                        .process(LateLotSites::new, Named.as("site-late-lots"), StoreNames.LOT_AGGREGATES),
                        Named.as("lots-with-late-sites"));

        String[] predictorStores = coalesce
                ? new String[] {StoreNames.LOT_PREDICTIONS, StoreNames.LOT_PENDING_PREDICTIONS}
                : new String[] {StoreNames.LOT_PREDICTIONS};
        // A changed lot's composition is published with its prediction: on every update without a prediction interval,
        // else once per interval (or backlog interval) with everything the lot had by then.
        KStream<String, LotResult> results = lots.process(() -> new LotPredictor(settings.scoringSettings(), models,
                metrics, backlog), Named.as("predict-lots"), predictorStores);
        results.mapValues(result -> result.lot().toLotComposition(), Named.as("to-lot-composition"))
                .to(Topics.LOT_COMPOSITIONS.name(), Produced.with(Serdes.String(), serdes.lotComposition())
                        .withName("lot-compositions-sink"));
        KStream<String, ScoredLot> scored = results
                .filter((lot, result) -> result.scored() != null, Named.as("scored-lots"))
                .mapValues(LotResult::scored, Named.as("to-scored-lot"));
        scored.mapValues(ScoredLot::prediction, Named.as("to-prediction"))
                .to(Topics.REE_PREDICTIONS.name(), Produced.with(Serdes.String(), serdes.reePrediction())
                        .withName("ree-predictions-sink"));

        scored.process(() -> new AlertDetector(settings.alertSettings(), metrics), Named.as("detect-alerts"), StoreNames.LOT_VERDICTS)
                .to(Topics.REE_ALERTS.name(), Produced.with(Serdes.String(), serdes.highReeAlert())
                        .withName("ree-alerts-sink"));

        addReleaseGate(builder, settings, serdes, metrics);
        return readings;
    }

    /**
     * models.releases → {@link ReleaseGate} → models.served or models.releases.dlq. Added last, so the readings
     * sub-topology keeps its number (and its tasks their state directories) in deployments that predate the gate.
     */
    private static void addReleaseGate(StreamsBuilder builder, ScreenerSettings settings, ScreenerSerdes serdes,
                                       ScreenerMetrics metrics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(lotStore(settings, StoreNames.RELEASE_GATE), Serdes.String(),
                Serdes.String()));
        Map<String, KStream<String, GatedRelease>> gated = builder.stream(Topics.MODEL_RELEASES.name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("models-releases-source"))
                .process(() -> new ReleaseGate(serdes.modelRelease().deserializer(), metrics,
                        DeadLetter.DEFAULT_MAX_RECORD_BYTES), Named.as("check-releases"), StoreNames.RELEASE_GATE)
                .split(Named.as("release-"))
                .branch((name, release) -> release.accepted(), Branched.as("accepted"))
                .defaultBranch(Branched.as("refused"));
        gated.get("release-accepted")
                .mapValues(GatedRelease::value, Named.as("accepted-release-bytes"))
                .to(Topics.MODEL_SERVED.name(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("models-served-sink"));
        gated.get("release-refused")
                .map((name, release) -> KeyValue.pair(release.deadLetterKey(), release.value()),
                        Named.as("refused-release-copy"))
                .to(Topics.MODEL_RELEASES_DLQ.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("models-releases-dlq-sink"));
    }

    /** The aggregator's own stores, and those its retention sweep deletes idle lots from. */
    private static String[] aggregatorStores(ScreenerSettings settings, boolean coalesce) {
        List<String> names = new ArrayList<>(List.of(StoreNames.LOT_AGGREGATES, StoreNames.LOT_READING_IDS));
        names.addAll(List.of(new LotRetention(settings.retentionSettings(), coalesce).otherStores()));
        return names.toArray(String[]::new);
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(ScreenerSettings settings, String name, Serde<V> serde) {
        return Stores.keyValueStoreBuilder(lotStore(settings, name), Serdes.String(), serde);
    }

    private static KeyValueBytesStoreSupplier lotStore(ScreenerSettings settings, String name) {
        return settings.persistentStores() ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }
}
