package io.reescreen.retrainer.examples;

import io.reescreen.schemas.LotInfo;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Mirrors the compacted lots topic into a store (a tombstone removes the lot). Forwards nothing. */
final class LotInfoKeeper implements Processor<String, LotInfo, Void, Void> {

    private KeyValueStore<String, LotInfo> lots;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        lots = context.getStateStore(ExampleStores.LOT_INFO);
    }

    @Override
    public void process(Record<String, LotInfo> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            lots.delete(record.key());
        } else {
            lots.put(record.key(), record.value());
        }
    }
}
