package io.reescreen.screener.validate;

import io.reescreen.model.units.FeatureSet;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.deadletter.RejectedReadings;
import io.reescreen.screener.deadletter.Rejection;
import io.reescreen.screener.deadletter.StagedReading;
import io.reescreen.screener.metrics.ScreenerMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second stage of the reading path: checks a decoded reading ({@link ReadingValidator}) and dead-letters it with
 * the verdict's reason when it fails. The lot's metadata is looked up here, in the {@link StoreNames#LOT_INFO} store,
 * because the checks need it (UNKNOWN_LOT when metadata is required, the site id's bound); the accepted reading goes
 * on with the metadata it was judged against, so the enrichment stage joins exactly that and the store is read once
 * per reading. A dead letter from the stage before passes through untouched.
 */
public final class ReadingValidationStage
        implements Processor<byte[], StagedReading<XrfReading>, byte[], StagedReading<ValidatedReading>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingValidationStage.class);

    private final ReadingValidator validator;
    private final Supplier<FeatureSet> features;
    private final RejectedReadings rejected;
    private ProcessorContext<byte[], StagedReading<ValidatedReading>> context;
    private KeyValueStore<String, ValueAndTimestamp<LotInfo>> lots;

    /** @param features the features of the model in force at the moment a reading is checked: each must be measured */
    public ReadingValidationStage(ValidationLimits limits, Supplier<FeatureSet> features, ScreenerMetrics metrics) {
        this.validator = new ReadingValidator(limits);
        this.features = Objects.requireNonNull(features, "features");
        this.rejected = new RejectedReadings("validate", Objects.requireNonNull(metrics, "metrics")::readingDeadLettered);
    }

    @Override
    public void init(ProcessorContext<byte[], StagedReading<ValidatedReading>> context) {
        this.context = context;
        this.lots = context.getStateStore(StoreNames.LOT_INFO);
    }

    @Override
    public void process(Record<byte[], StagedReading<XrfReading>> record) {
        if (rejected.passedOn(context, record)) {
            return;
        }
        StagedReading<XrfReading> staged = record.value();
        Rejection rejection;
        try {
            XrfReading reading = staged.value();
            LotInfo lot = lotInfo(reading.getLotId());
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            ReadingVerdict verdict = validator.validate(key, reading, record.timestamp(), context.currentSystemTimeMs(),
                    lot, features.get());
            if (verdict.isAccepted()) {
                context.forward(record.withValue(staged.then(new ValidatedReading(reading, lot))));
                return;
            }
            rejection = verdict.rejection().orElseThrow();
        } catch (RuntimeException e) {
            rejection = rejected.unexpected(context, e);
        }
        rejected.forward(context, record, staged.originalValue(), rejection);
    }

    private LotInfo lotInfo(String lotId) {
        if (lotId == null || lotId.isBlank()) {
            return null;
        }
        try {
            ValueAndTimestamp<LotInfo> v = lots.get(lotId);
            return v == null ? null : v.value();
        } catch (RuntimeException e) {
            // A lots record the registry could not decode: screen the reading as if the lot had no metadata.
            LOG.warn("cannot read LotInfo of lot {}; treating it as unknown", lotId, e);
            return null;
        }
    }
}
