package io.reescreen.screener.lot;

import io.reescreen.schemas.LotInfo;
import io.reescreen.screener.stores.StoreNames;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a lot its site when the lot's metadata arrives after its readings. lots and xrf.readings are two topics: a
 * yard system may write the metadata late, and even when it is written first the screener may read a reading before
 * it. Those shots were aggregated with no site, so the lot was scored by the base model; once the metadata is
 * known, the aggregate takes its site and is forwarded again, so the lot is re-scored with its site's model (and its
 * composition published with the site). A lot that already has a site is left alone: a site change mid-lot is
 * followed by the lot's next shots.
 */
public final class LateLotSites implements Processor<String, LotInfo, String, LotAggregate> {

    private static final Logger LOG = LoggerFactory.getLogger(LateLotSites.class);

    private ProcessorContext<String, LotAggregate> context;
    private KeyValueStore<String, LotAggregate> aggregates;

    @Override
    public void init(ProcessorContext<String, LotAggregate> context) {
        this.context = context;
        this.aggregates = context.getStateStore(StoreNames.LOT_AGGREGATES);
    }

    @Override
    public void process(Record<String, LotInfo> record) {
        LotInfo info = Objects.requireNonNull(record.value(), "lot metadata");
        LotAggregate held = aggregates.get(info.getLotId());
        if (held == null || held.siteId() != null) {
            return;
        }
        LotAggregate sited = held.withLateSite(info.getSiteId(), info.getAshOrigin(), context.currentSystemTimeMs());
        aggregates.put(info.getLotId(), sited);
        LOG.info("lot {}: metadata (site '{}') arrived after {} reading(s); the lot is re-scored with that site's model",
                info.getLotId(), info.getSiteId(), held.shotCount());
        context.forward(record.withKey(info.getLotId()).withValue(sited).withHeaders(new RecordHeaders()));
    }
}
