package io.reescreen.retrainer.performance;

import io.reescreen.retrainer.examples.ExampleStores;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.Topics;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Realised accuracy, on the join's own output:
 * <pre>
 * join output (examples) ─► compare-with-served ─► models.performance   (key: lotId)
 *                             ├ store example-served-predictions (the join's: the last prediction before the lab result)
 *                             └ store performance-compared-lab-results (one comparison per lab result)
 * </pre>
 */
public final class PerformanceTopology {

    private PerformanceTopology() {
    }

    /** @param joined what {@code LabelledExampleTopology.addTo} returns: the join's output before routing */
    public static KStream<String, ModelPerformance> addTo(StreamsBuilder builder, KStream<Object, Object> joined,
                                                          String modelName, double alertProbability,
                                                          Serde<ModelPerformance> serde, ComparisonCounts counts) {
        Objects.requireNonNull(serde, "serde");
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PerformanceStores.COMPARED),
                Serdes.String(), Serdes.Long()));
        KStream<String, ModelPerformance> comparisons = joined.process(
                () -> new LabResultComparer(modelName, alertProbability, counts), Named.as("compare-with-served"),
                ExampleStores.SERVED_PREDICTIONS, PerformanceStores.COMPARED);
        comparisons.to(Topics.MODEL_PERFORMANCE.name(), Produced.with(Serdes.String(), serde)
                .withName("models-performance-sink"));
        return comparisons;
    }
}
