package io.reescreen.screener.lotinfo;

import io.reescreen.screener.reasons.LotDlqReason;
import io.reescreen.schemas.DeadLetter;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.LotInfo;
import io.reescreen.schemas.Topics;
import io.reescreen.screener.stores.StoreNames;
import io.reescreen.screener.metrics.ScreenerMetrics;
import io.reescreen.streams.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each lot's newest metadata in the lot-info store (and passes it on), and dead-letters every lots record it
 * cannot keep: the
 * original key and value bytes (cut to fit, {@link DeadLetter#fitted}) go to lots.dlq with the reason
 * ({@link LotDlqReason}) and source in headers. A record whose updatedAt is older than the one held is STALE: the
 * newer metadata stays, whatever order the records arrived in. A tombstone deletes the lot's metadata (lots is
 * compacted). Never throws on bad input: an unexpected failure becomes a PROCESSING_ERROR dead letter.
 *
 * <p>Compaction of lots keeps a key's last written record, which may be an older (STALE) one; that cannot make a
 * restarted screener use stale metadata: the store is restored from its own changelog, which only ever receives the
 * newest metadata, and lots is not re-read on restart (the committed offsets stand). Only a new application id (or
 * an offset reset) reads lots from the start, and it then starts from whatever compaction left.
 */
public final class LotInfoScreen implements Processor<byte[], byte[], byte[], ScreenedLotInfo> {

    private static final Logger LOG = LoggerFactory.getLogger(LotInfoScreen.class);

    private final LotInfoValidator validator;
    private final Deserializer<LotInfo> lots;
    private final ScreenerMetrics metrics;
    private final int maxDeadLetterBytes;
    private ProcessorContext<byte[], ScreenedLotInfo> context;
    private TimestampedKeyValueStore<String, LotInfo> store;

    public LotInfoScreen(LotInfoValidator validator, Deserializer<LotInfo> lots, ScreenerMetrics metrics,
                         int maxDeadLetterBytes) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.lots = Objects.requireNonNull(lots, "lots");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxDeadLetterBytes = maxDeadLetterBytes;
    }

    @Override
    public void init(ProcessorContext<byte[], ScreenedLotInfo> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.LOT_INFO);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.lotInfoReceived();
        Optional<LotInfoValidator.Rejection> outcome;
        try {
            outcome = screen(record);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure screening a lots record at {}; dead-lettering it", where(record), e);
            outcome = Optional.of(new LotInfoValidator.Rejection(LotDlqReason.PROCESSING_ERROR, e.toString()));
        }
        if (outcome.isPresent()) {
            deadLetter(record, outcome.get());
        } else if (record.value() != null) {
            // Kept: the lot's readings may have come first (LateLotSites gives them the site).
            ValueAndTimestamp<LotInfo> kept = store.get(new String(record.key(), StandardCharsets.UTF_8));
            if (kept != null) {
                context.forward(new Record<>(record.key(), ScreenedLotInfo.kept(kept.value()), record.timestamp()));
            }
        }
    }

    private Optional<LotInfoValidator.Rejection> screen(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            Optional<LotInfoValidator.Rejection> keyProblem = LotInfoValidator.keyProblem(record.key());
            if (keyProblem.isEmpty()) {
                String lotId = new String(record.key(), StandardCharsets.UTF_8);
                if (store.delete(lotId) != null) {
                    LOG.info("lot {}: metadata deleted (a tombstone on {})", lotId, Topics.LOTS.name());
                }
            }
            return keyProblem;
        }
        Object decoded;
        try {
            decoded = ((Deserializer<?>) lots).deserialize(Topics.LOTS.name(), record.headers(), record.value());
        } catch (ClassCastException e) {
            return reject(LotDlqReason.WRONG_TYPE, "the value (" + record.value().length + " bytes) is not a LotInfo: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            return reject(LotDlqReason.UNDECODABLE, "the value (" + record.value().length + " bytes) is not a LotInfo: "
                    + e);
        }
        if (decoded == null) {
            return reject(LotDlqReason.UNDECODABLE, "the value decodes to nothing");
        }
        if (!(decoded instanceof LotInfo info)) {
            return reject(LotDlqReason.WRONG_TYPE, "the value is a " + decoded.getClass().getSimpleName()
                    + ", not a LotInfo");
        }
        Optional<LotInfoValidator.Rejection> problem = validator.problem(record.key(), info, record.timestamp(),
                context.currentSystemTimeMs());
        if (problem.isPresent()) {
            return problem;
        }
        String lotId = info.getLotId();
        ValueAndTimestamp<LotInfo> held = store.get(lotId);
        LotInfo before = held == null ? null : held.value();
        if (before != null && info.getUpdatedAt().isBefore(before.getUpdatedAt())) {
            return reject(LotDlqReason.STALE, "updatedAt " + info.getUpdatedAt() + " is older than the metadata held"
                    + " for lot '" + lotId + "' (updatedAt " + before.getUpdatedAt() + ", site '" + before.getSiteId()
                    + "'), which is kept");
        }
        if (before != null && !before.getSiteId().equals(info.getSiteId())) {
            // Readings screened from now on carry the new site; the lot's composition lists both (siteIds).
            LOG.warn("lot {} moves from site '{}' to site '{}' (updatedAt {}); its composition will mix both sites",
                    lotId, before.getSiteId(), info.getSiteId(), info.getUpdatedAt());
        }
        store.put(lotId, ValueAndTimestamp.make(info, record.timestamp()));
        return Optional.empty();
    }

    private static Optional<LotInfoValidator.Rejection> reject(LotDlqReason reason, String detail) {
        return Optional.of(new LotInfoValidator.Rejection(reason, detail));
    }

    private void deadLetter(Record<byte[], byte[]> record, LotInfoValidator.Rejection rejection) {
        metrics.lotInfoDeadLettered(rejection.reason());
        LOG.debug("lots record at {} dead-lettered: {} {}", where(record), rejection.reason(), rejection.detail());
        SourcePosition source = SourcePosition.of(record, context, Topics.LOTS.name());
        long now = context.currentSystemTimeMs();
        DeadLetter letter = DeadLetter.fitted(record.key(), record.value(),
                DlqHeaders.of(record.headers(), rejection.reason(), rejection.detail(), source.topic(),
                        source.partition(), source.offset(), Instant.ofEpochMilli(now)),
                maxDeadLetterBytes);
        // Stamped with processing time: the record's own timestamp may be absurd, and the DLQ's retention counts
        // from it.
        context.forward(new Record<>(letter.key(), ScreenedLotInfo.deadLetter(letter.value()), now, letter.headers()));
    }

    private String where(Record<byte[], byte[]> record) {
        SourcePosition p = SourcePosition.of(record, context, Topics.LOTS.name());
        return p.topic() + "-" + p.partition() + "@" + p.offset();
    }
}
