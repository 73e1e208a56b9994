package io.reescreen.retrainer.examples;

import io.reescreen.retrainer.RetrainerSerdes;
import io.reescreen.schemas.Topics;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Labelled examples, the first half of the retraining loop:
 * <pre>
 * lots ─────────────► keep-lot-info ───► store example-lot-info
 * lot.compositions ─► join-compositions ─┬─► training.examples   (releases waiting lab results)
 * lab.results ──────► join-lab-results ──┼─► training.examples   (the lot already has a composition)
 *   (bytes)                              └─► lab.results.dlq     (original bytes, reason headers)
 * </pre>
 * All three inputs are keyed by lot id with the same partition count, so the stores are local to a lot's
 * partition. Lab values are converted to ppm mol of the oxides in the ash by {@link LabTargets} (the model library).
 */
public final class LabelledExampleTopology {

    private LabelledExampleTopology() {
    }

    public static Topology buildTopology(ExampleJoinSettings settings, RetrainerSerdes serdes) {
        Topology topology = new Topology();
        addTo(topology, settings, serdes);
        return topology;
    }

    public static void addTo(Topology topology, ExampleJoinSettings settings, RetrainerSerdes serdes) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(serdes, "serdes");
        topology.addSource("lots-source", new StringDeserializer(), serdes.lotInfo().deserializer(), Topics.LOTS.name());
        topology.addSource("compositions-source", new StringDeserializer(), serdes.lotComposition().deserializer(),
                Topics.LOT_COMPOSITIONS.name());
        topology.addSource("lab-results-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.LAB_RESULTS.name());

        topology.addProcessor("keep-lot-info", LotInfoKeeper::new, "lots-source");
        topology.addProcessor("join-compositions",
                () -> new CompositionJoiner(settings, serdes.labResult().deserializer()), "compositions-source");
        topology.addProcessor("join-lab-results",
                () -> new LabResultJoiner(settings, serdes.labResult().deserializer()), "lab-results-source");

        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExampleStores.LOT_INFO),
                Serdes.String(), serdes.lotInfo()), "keep-lot-info", "join-compositions", "join-lab-results");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExampleStores.COMPOSITIONS),
                Serdes.String(), serdes.lotComposition()), "join-compositions", "join-lab-results");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ExampleStores.WAITING),
                Serdes.String(), WaitingLabResult.SERDE), "join-compositions", "join-lab-results");

        topology.addSink(ExampleOutput.EXAMPLES_SINK, Topics.TRAINING_EXAMPLES.name(), new StringSerializer(),
                serdes.trainingExample().serializer(), "join-compositions", "join-lab-results");
        topology.addSink(ExampleOutput.DLQ_SINK, Topics.LAB_RESULTS_DLQ.name(), new ByteArraySerializer(),
                new ByteArraySerializer(), "join-lab-results", "join-compositions");
    }
}
