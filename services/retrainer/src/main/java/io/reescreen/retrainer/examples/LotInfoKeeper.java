package io.reescreen.retrainer.examples;

import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.LotInfo;
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
 * Keeps each lot's newest metadata (by updatedAt, as the screener's {@code LotInfoScreen} does) in a store; an older
 * record arriving later is passed over as STALE, and a tombstone removes the lot. Forwards nothing.
 *
 * <p>Why compaction of lots cannot make a restarted retrainer use stale metadata: the store is restored from its own
 * changelog, which only ever receives the newest metadata, and lots is not re-read on restart (the committed offsets
 * stand). Only a new application id (or an offset reset) reads lots from the start; if a producer wrote an older
 * record last, compaction may have removed the newer one, and such a deployment starts from what is left.
 *
 * <p>Reads bytes and decodes here, so that no record on lots can stop the join: one that is not a LotInfo, or whose ids exceed
 * {@link Identifiers#MAX_BYTES} (they would go into the store's changelog and into examples), is passed over and
 * counted ({@link IgnoredRecords}); lots' dead letters are the screener's.
 *
 * <p>Looks like {@link ServedPredictionKeeper} but is not the same rule: lots is an outside producer's topic, read
 * after the hop (so a key is checked before anything else, and positions come from the stamp), a tombstone removes
 * the lot, and the newest metadata by updatedAt wins rather than the last record read.
 */
final class LotInfoKeeper implements Processor<byte[], byte[], Void, Void> {

    private final Deserializer<LotInfo> decoder;
    private final IgnoredRecords ignored;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, LotInfo> lots;

    LotInfoKeeper(Deserializer<LotInfo> decoder, IgnoredRecords ignored) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.ignored = Objects.requireNonNull(ignored, "ignored");
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        lots = context.getStateStore(ExampleStores.LOT_INFO);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null || record.key().length == 0) {
            ignore(record, IgnoredReason.MISSING_ID, "no key");
            return;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        Optional<String> keyProblem = Identifiers.problem("the key", key);
        if (keyProblem.isPresent()) {
            ignore(record, IgnoredReason.INVALID_ID, keyProblem.get());
            return;
        }
        if (record.value() == null) {
            lots.delete(key);
            return;
        }
        Decoded.Result<LotInfo> decoded = Decoded.as(LotInfo.class, decoder, Topics.LOTS.name(), record.headers(),
                record.value());
        if (decoded.problem() != null) {
            ignore(record, decoded.problem(), decoded.detail());
            return;
        }
        LotInfo info = decoded.value();
        if (info.getLotId() == null || info.getLotId().isBlank()) {
            ignore(record, IgnoredReason.MISSING_ID, "no lotId");
            return;
        }
        Optional<String> idProblem = Identifiers.problem("lotId", info.getLotId())
                .or(() -> Identifiers.problem("siteId", info.getSiteId()))
                .or(() -> Identifiers.problem("basin", info.getBasin()))
                .or(() -> Identifiers.problem("boilerType", info.getBoilerType()));
        if (idProblem.isPresent()) {
            ignore(record, IgnoredReason.INVALID_ID, idProblem.get());
            return;
        }
        if (!info.getLotId().equals(key)) {
            ignore(record, IgnoredReason.LOT_KEY_MISMATCH, "key " + key + " but lotId " + info.getLotId());
            return;
        }
        LotInfo held = lots.get(key);
        if (held != null && info.getUpdatedAt().isBefore(held.getUpdatedAt())) {
            ignore(record, IgnoredReason.STALE, "updatedAt " + info.getUpdatedAt() + " is older than the metadata held"
                    + " (updatedAt " + held.getUpdatedAt() + ", site " + held.getSiteId() + ")");
            return;
        }
        lots.put(key, info);
    }

    private void ignore(Record<byte[], byte[]> record, IgnoredReason reason, String detail) {
        // Its position on lots, stamped before the hop onto the lot's partition.
        ignored.ignore(record, context, Topics.LOTS.name(), reason, detail);
    }
}
