package io.reescreen.retrainer.performance;

import io.reescreen.retrainer.examples.ExampleStores;
import io.reescreen.retrainer.examples.ServedPrediction;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.TrainingExample;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each training example the join makes, compared with the prediction its lot was served. It runs inside the join's
 * forward, so the join's served-prediction store holds exactly the last prediction processed before the lab result;
 * the comparison is written in the join's transaction. A lab result compared once is not compared again (a
 * re-delivered one makes a second example, but no second comparison). A lot without a served prediction is not
 * compared; held lab results (far outside the prediction) make no example and so no comparison.
 */
final class LabResultComparer implements Processor<Object, Object, String, ModelPerformance> {

    private final String modelName;
    private final double alertProbability;
    private final ComparisonCounts counts;
    private ProcessorContext<String, ModelPerformance> context;
    private KeyValueStore<String, ServedPrediction> predictions;
    private KeyValueStore<String, Long> compared;

    LabResultComparer(String modelName, double alertProbability, ComparisonCounts counts) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.alertProbability = alertProbability;
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    @Override
    public void init(ProcessorContext<String, ModelPerformance> context) {
        this.context = context;
        this.predictions = context.getStateStore(ExampleStores.SERVED_PREDICTIONS);
        this.compared = context.getStateStore(PerformanceStores.COMPARED);
    }

    @Override
    public void process(Record<Object, Object> record) {
        if (!(record.value() instanceof TrainingExample example)) {
            return; // dead letters and held results
        }
        if (compared.get(example.getLabResultId()) != null) {
            counts.redelivered();
            return;
        }
        ServedPrediction served = predictions.get(example.getLotId());
        if (served == null) {
            counts.unpredicted();
            return;
        }
        long now = context.currentSystemTimeMs();
        ModelPerformance comparison = LabComparison.of(example, modelName, served, alertProbability,
                record.timestamp(), now);
        if (comparison == null) {
            return;
        }
        compared.put(example.getLabResultId(), now);
        counts.compared();
        context.forward(new Record<>(example.getLotId(), comparison, record.timestamp()));
    }
}
