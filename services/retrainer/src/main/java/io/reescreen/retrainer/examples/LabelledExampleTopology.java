package io.reescreen.retrainer.examples;

import io.reescreen.retrainer.RetrainerSerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Labelled examples, the first half of the retraining loop:
 * <pre>
 * lots ─────────────► keep-lot-info ───► store example-lot-info
 * lot.compositions ─► join-compositions ─┬─► training.examples   (releases waiting lab results)
 * lab.results ──────► join-lab-results ──┼─► training.examples   (the lot already has a composition)
 * ree.predictions ──► keep-served-predictions ─► store          ├─► lab.results.held  (far outside the served prediction)
 *   (all as bytes)                       └─► lab.results.dlq     (original bytes, reason headers)
 * </pre>
 * The join's stores are local to a lot's partition, so every input must have a lot's records on the same partition
 * number. lot.compositions and ree.predictions are the screener's, placed by murmur2 of the lot id; lab.results and
 * lots come from outside producers, whose partitioner may differ, so by default ({@link LotPartitioning}) they are
 * first copied onto internal topics partitioned by lot id:
 * <pre>
 * lab.results ─► lab-results-gate ─► internal topic lab-results-by-lot ─► join-lab-results
 *                 └ no key / too large to copy ─► lab.results.dlq (position on lab.results in headers)
 * lots ────────► lots-gate ─► internal topic lots-by-lot ─► keep-lot-info
 *                 └ no key / too large to copy: passed over and counted (lots' dead letters are the screener's)
 * </pre>
 * Lab values are converted to ppm mol of the oxides in the ash by {@link LabTargets} (the model library).
 */
public final class LabelledExampleTopology {

    private LabelledExampleTopology() {
    }

    public static Topology buildTopology(ExampleJoinSettings settings, RetrainerSerdes serdes) {
        return buildTopology(settings, serdes, new IgnoredRecords());
    }

    public static Topology buildTopology(ExampleJoinSettings settings, RetrainerSerdes serdes, IgnoredRecords ignored) {
        return buildTopology(settings, LotPartitioning.defaults(), serdes, ignored);
    }

    public static Topology buildTopology(ExampleJoinSettings settings, LotPartitioning partitioning,
                                         RetrainerSerdes serdes, IgnoredRecords ignored) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, settings, partitioning, serdes, ignored);
        return builder.build();
    }

    /** {@link #addTo(StreamsBuilder, ExampleJoinSettings, LotPartitioning, RetrainerSerdes, IgnoredRecords)} with the hop. */
    public static KStream<Object, Object> addTo(StreamsBuilder builder, ExampleJoinSettings settings, RetrainerSerdes serdes,
                                                IgnoredRecords ignored) {
        return addTo(builder, settings, LotPartitioning.defaults(), serdes, ignored);
    }

    /**
     * Adds the join to {@code builder} (the retrainer's named stream builder, or a plain one in tests).
     *
     * @return everything the join writes, examples and dead letters, before they are routed to their topics
     */
    public static KStream<Object, Object> addTo(StreamsBuilder builder, ExampleJoinSettings settings,
                                                LotPartitioning partitioning, RetrainerSerdes serdes,
                                                IgnoredRecords ignored) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(partitioning, "partitioning");
        Objects.requireNonNull(serdes, "serdes");
        Objects.requireNonNull(ignored, "ignored");
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExampleStores.LOT_INFO),
                Serdes.String(), serdes.lotInfo()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExampleStores.COMPOSITIONS),
                Serdes.String(), serdes.lotComposition()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExampleStores.WAITING),
                Serdes.String(), WaitingLabResult.SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExampleStores.SERVED_PREDICTIONS),
                Serdes.String(), ServedPrediction.SERDE));

        KStream<byte[], byte[]> predictions = builder.stream(Topics.REE_PREDICTIONS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("predictions-source"));
        predictions.process(() -> new ServedPredictionKeeper(serdes.reePrediction().deserializer(), ignored),
                Named.as("keep-served-predictions"), ExampleStores.SERVED_PREDICTIONS);

        // Every input comes in as bytes and is decoded by the processor, which can then pass over (lots, compositions)
        // or dead-letter (lab results) a record of the wrong type or size instead of failing on it.
        KStream<byte[], byte[]> lots = builder.stream(Topics.LOTS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("lots-source"));
        KStream<byte[], byte[]> labResults = builder.stream(Topics.LAB_RESULTS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("lab-results-source"));
        KStream<Object, Object> turnedAway = null;
        if (!partitioning.producersPartitionByLotId()) {
            lots = byLotId(lots.process(() -> new LotPartitionGate(Topics.LOTS.name(), countedAsIgnored(ignored)),
                    Named.as("lots-gate")), "lots", partitioning.lotPartitions());
            Map<String, KStream<Object, Object>> labGate = labResults
                    .process(() -> new LotPartitionGate(Topics.LAB_RESULTS.name(), deadLettered()),
                            Named.as("lab-results-gate"))
                    .split(Named.as("lab-results-gate-"))
                    .branch(ExampleOutput.RejectedBytes::is, Branched.as("turned-away"))
                    .defaultBranch(Branched.as("passed"));
            labResults = byLotId(labGate.get("lab-results-gate-passed"), "lab-results", partitioning.lotPartitions());
            turnedAway = labGate.get("lab-results-gate-turned-away");
        }
        lots.process(() -> new LotInfoKeeper(serdes.lotInfo().deserializer(), ignored), Named.as("keep-lot-info"),
                ExampleStores.LOT_INFO);

        KStream<byte[], byte[]> compositions = builder.stream(Topics.LOT_COMPOSITIONS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("compositions-source"));
        KStream<Object, Object> released = compositions.process(
                () -> new CompositionJoiner(settings, serdes.labResult().deserializer(),
                        serdes.lotComposition().deserializer(), ignored), Named.as("join-compositions"),
                ExampleStores.LOT_INFO, ExampleStores.COMPOSITIONS, ExampleStores.WAITING,
                ExampleStores.SERVED_PREDICTIONS);

        KStream<Object, Object> joined = labResults.process(
                () -> new LabResultJoiner(settings, serdes.labResult().deserializer()), Named.as("join-lab-results"),
                ExampleStores.LOT_INFO, ExampleStores.COMPOSITIONS, ExampleStores.WAITING,
                ExampleStores.SERVED_PREDICTIONS);

        KStream<Object, Object> output = released.merge(joined, Named.as("join-output"));
        if (turnedAway != null) {
            output = output.merge(turnedAway, Named.as("join-output-and-turned-away"));
        }
        output.split(Named.as("route-"))
                .branch(ExampleOutput.RejectedBytes::is, Branched.withConsumer(rejected -> rejected
                        .map((key, value) -> KeyValue.pair((byte[]) key, ((ExampleOutput.RejectedBytes) value).value()),
                                Named.as("unwrap-rejected"))
                        .to(Topics.LAB_RESULTS_DLQ.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                                .withName("lab-results-dlq-sink")), "dlq"))
                .branch(ExampleOutput.Held::is, Branched.withConsumer(held -> held
                        .map((key, value) -> KeyValue.pair((String) key, ((ExampleOutput.Held) value).example()),
                                Named.as("unwrap-held"))
                        .to(Topics.LAB_RESULTS_HELD.name(), Produced.with(Serdes.String(), serdes.trainingExample())
                                .withName("lab-results-held-sink")), "held"))
                .defaultBranch(Branched.withConsumer(examples -> examples
                        .map((key, value) -> KeyValue.pair((String) key, (TrainingExample) value),
                                Named.as("typed-examples"))
                        .to(Topics.TRAINING_EXAMPLES.name(), Produced.with(Serdes.String(), serdes.trainingExample())
                                .withName("training-examples-sink")), "examples"));
        return output;
    }

    /** A lab result that cannot make the hop goes to lab.results.dlq, as the join's own rejections do. */
    private static LotPartitionGate.TurnedAway deadLettered() {
        return (context, record, problem, detail, source) -> ExampleOutput.forwardRejected(context, record.key(),
                record.value(), record.headers(), problem == LotPartitionGate.Problem.NO_KEY
                        ? LabDlqReason.LOT_KEY_MISMATCH : LabDlqReason.OVERSIZE, detail, source.partition(),
                source.offset(), record.timestamp());
    }

    /** A lots record that cannot make the hop is passed over and counted: lots' dead letters are the screener's. */
    private static LotPartitionGate.TurnedAway countedAsIgnored(IgnoredRecords ignored) {
        return (context, record, problem, detail, source) -> ignored.ignore(Topics.LOTS.name(),
                problem == LotPartitionGate.Problem.NO_KEY ? IgnoredReason.MISSING_ID : IgnoredReason.OVERSIZE, detail,
                source.partition(), source.offset());
    }

    /**
     * The gate's passed records, byte for byte with their stamped headers, on an internal topic
     * ({@code <application.id>-<name>-by-lot-repartition}) partitioned by murmur2 of the key, as Kafka Streams placed
     * lot.compositions and ree.predictions.
     */
    private static KStream<byte[], byte[]> byLotId(KStream<Object, Object> passed, String name, int partitions) {
        return passed
                .map((key, value) -> KeyValue.pair((byte[]) key, (byte[]) value), Named.as(name + "-gate-original-bytes"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(name + "-by-lot").withNumberOfPartitions(partitions));
    }
}
