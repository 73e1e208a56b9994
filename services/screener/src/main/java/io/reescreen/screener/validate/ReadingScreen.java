package io.reescreen.screener.validate;

import io.reescreen.screener.reasons.DlqReason;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.XrfReading;
import io.reescreen.screener.settings.ScreenerSettings;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.screener.partition.SourcePosition;
import io.reescreen.screener.serving.ModelSource;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first node of the reading path: decodes the raw record strictly ({@link ReadingDecoder}), looks up the lot's
 * metadata, validates and converts. Keys and values stay raw bytes on the way through, so a rejected record reaches
 * the DLQ byte for byte (cut only when the copy would not fit under the record size limit: {@link ReadingDeadLetter}),
 * with the reason and its source in headers. Never throws on bad input: even an unexpected failure becomes a
 * PROCESSING_ERROR dead letter rather than a stopped stream.
 */
public final class ReadingScreen implements Processor<byte[], byte[], byte[], ScreenedReading> {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingScreen.class);

    private final ReadingValidator validator;
    private final ReadingDecoder readings;
    private final ModelSource models;
    private final ScreenerMetrics metrics;
    private ProcessorContext<byte[], ScreenedReading> context;
    private KeyValueStore<String, ValueAndTimestamp<LotInfo>> lots;

    public ReadingScreen(ScreenerSettings settings, Deserializer<XrfReading> readings, ModelSource models,
                         ScreenerMetrics metrics) {
        this.validator = new ReadingValidator(settings);
        this.readings = ReadingDecoder.of(Objects.requireNonNull(readings, "readings"));
        this.models = Objects.requireNonNull(models, "models");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void init(ProcessorContext<byte[], ScreenedReading> context) {
        this.context = context;
        this.lots = context.getStateStore(StoreNames.LOT_INFO);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.readingReceived();
        Screening outcome;
        try {
            outcome = screen(record);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure screening a reading at {}; dead-lettering it", where(), e);
            outcome = new Screening.Rejected(DlqReason.PROCESSING_ERROR, e.toString());
        }
        if (outcome instanceof Screening.Accepted accepted) {
            // The reading's own headers stay behind: they would ride on every output record of the lot, and a reading
            // with near-limit headers would make its composition too large to write.
            context.forward(record.withValue(ScreenedReading.accepted(accepted.reading())).withHeaders(new RecordHeaders()));
            return;
        }
        Screening.Rejected rejected = (Screening.Rejected) outcome;
        metrics.readingDeadLettered(rejected.reason());
        LOG.debug("reading at {} dead-lettered: {} {}", where(), rejected.reason(), rejected.detail());
        // The position on xrf.readings, stamped before the hop onto the lot's partition (else this record's own).
        SourcePosition source = SourcePosition.of(record, context, Topics.XRF_READINGS.name());
        context.forward(ReadingDeadLetter.of(record, rejected, source, context.currentSystemTimeMs(),
                DeadLetter.DEFAULT_MAX_RECORD_BYTES));
    }

    private Screening screen(Record<byte[], byte[]> record) {
        ReadingDecoder.Decoded decoded = readings.decode(record.value());
        if (decoded.registryUnavailable()) {
            return new Screening.Rejected(DlqReason.REGISTRY_UNAVAILABLE, decoded.problem());
        }
        if (decoded.problem() != null) {
            return new Screening.Rejected(DlqReason.UNDECODABLE, decoded.problem());
        }
        XrfReading reading = decoded.reading();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return validator.validate(key, reading, record.timestamp(), context.currentSystemTimeMs(),
                lotInfo(reading.getLotId()), models.info().features());
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

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
