package io.reescreen.screener.testing;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/** In-memory stores, keyed by lot id, registered on a {@link MockProcessorContext} for a processor's unit test. */
public final class MockStores {

    private MockStores() {
    }

    public static <V> KeyValueStore<String, V> keyValue(MockProcessorContext<?, ?> context, String name,
                                                        Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    public static <V> TimestampedKeyValueStore<String, V> timestamped(MockProcessorContext<?, ?> context, String name,
                                                                      Serde<V> serde) {
        TimestampedKeyValueStore<String, V> store = Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name), Serdes.String(), serde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
