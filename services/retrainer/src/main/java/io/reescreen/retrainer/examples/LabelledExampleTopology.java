package io.reescreen.retrainer.examples;

import io.reescreen.retrainer.RetrainerSerdes;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.TrainingExample;
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
 * All three inputs are keyed by lot id with the same partition count, so the stores are local to a lot's
 * partition. Lab values are converted to ppm mol of the oxides in the ash by {@link LabTargets} (the model library).
 */
public final class LabelledExampleTopology {

    private LabelledExampleTopology() {
    }

    public static Topology buildTopology(ExampleJoinSettings settings, RetrainerSerdes serdes) {
        return buildTopology(settings, serdes, new IgnoredRecords());
    }

    public static Topology buildTopology(ExampleJoinSettings settings, RetrainerSerdes serdes, IgnoredRecords ignored) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, settings, serdes, ignored);
        return builder.build();
    }

    /**
     * Adds the join to {@code builder} (the retrainer's named stream builder, or a plain one in tests).
     *
     * @return everything the join writes, examples and dead letters, before they are routed to their topics
     */
    public static KStream<Object, Object> addTo(StreamsBuilder builder, ExampleJoinSettings settings, RetrainerSerdes serdes,
                                                IgnoredRecords ignored) {
        Objects.requireNonNull(settings, "settings");
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
        lots.process(() -> new LotInfoKeeper(serdes.lotInfo().deserializer(), ignored), Named.as("keep-lot-info"),
                ExampleStores.LOT_INFO);

        KStream<byte[], byte[]> compositions = builder.stream(Topics.LOT_COMPOSITIONS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("compositions-source"));
        KStream<Object, Object> released = compositions.process(
                () -> new CompositionJoiner(settings, serdes.labResult().deserializer(),
                        serdes.lotComposition().deserializer(), ignored), Named.as("join-compositions"),
                ExampleStores.LOT_INFO, ExampleStores.COMPOSITIONS, ExampleStores.WAITING,
                ExampleStores.SERVED_PREDICTIONS);

        KStream<byte[], byte[]> labResults = builder.stream(Topics.LAB_RESULTS.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("lab-results-source"));
        KStream<Object, Object> joined = labResults.process(
                () -> new LabResultJoiner(settings, serdes.labResult().deserializer()), Named.as("join-lab-results"),
                ExampleStores.LOT_INFO, ExampleStores.COMPOSITIONS, ExampleStores.WAITING,
                ExampleStores.SERVED_PREDICTIONS);

        KStream<Object, Object> output = released.merge(joined, Named.as("join-output"));
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
}
