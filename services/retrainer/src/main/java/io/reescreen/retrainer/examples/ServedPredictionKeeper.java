package io.reescreen.retrainer.examples;

import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each lot's latest served total-REE prediction from ree.predictions, for the hold check. A record it cannot use
 * is passed over and counted, like lots'.
 *
 * <p>Unlike {@link LotInfoKeeper}: ree.predictions is the screener's own topic, read where it is written (no hop, no
 * stamp), never deleted, and the last prediction read is the one served.
 */
final class ServedPredictionKeeper implements Processor<byte[], byte[], Void, Void> {

    private final Deserializer<ReePrediction> decoder;
    private final IgnoredRecords ignored;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, ServedPrediction> predictions;

    ServedPredictionKeeper(Deserializer<ReePrediction> decoder, IgnoredRecords ignored) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.ignored = Objects.requireNonNull(ignored, "ignored");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        predictions = context.getStateStore(ExampleStores.SERVED_PREDICTIONS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return; // predictions are never deleted; nothing to keep
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        Decoded.Result<ReePrediction> decoded = Decoded.as(ReePrediction.class, decoder, Topics.REE_PREDICTIONS.name(),
                record.headers(), record.value());
        if (decoded.problem() != null) {
            ignore(record, decoded.problem(), decoded.detail());
            return;
        }
        ReePrediction p = decoded.value();
        Optional<String> idProblem = Identifiers.problem("the key", key)
                .or(() -> Identifiers.problem("modelVersion", p.getModelVersion()));
        if (idProblem.isPresent()) {
            ignore(record, IgnoredReason.INVALID_ID, idProblem.get());
            return;
        }
        if (!key.equals(p.getLotId())) {
            ignore(record, IgnoredReason.LOT_KEY_MISMATCH, "key " + key + " but lotId " + p.getLotId());
            return;
        }
        ServedPrediction served = ServedPrediction.of(p);
        if (served == null) {
            ignore(record, IgnoredReason.INVALID_COMPOSITION, "no finite TOTAL_REE estimate");
            return;
        }
        predictions.put(key, served);
    }

    private void ignore(Record<byte[], byte[]> record, IgnoredReason reason, String detail) {
        ignored.ignore(record, context, Topics.REE_PREDICTIONS.name(), reason, detail);
    }
}
