package io.reescreen.screener.board;

import io.reescreen.schemas.AlertAcknowledgement;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The board's moving parts for one screener: its view of the yard, the feed that fills it, the live stream and the
 * acknowledgement writer. Started with the service, closed with it; none of it touches the screener's streams.
 */
public final class BoardRuntime implements AutoCloseable {

    private final BoardSettings settings;
    private final YardView view;
    private final AlertBroadcast broadcast;
    private final YardFeed feed;
    private final AlertAcknowledger acknowledger;
    private final LongSupplier clockMs;

    /**
     * @param connection the cluster's address and security settings, for the board's own consumer and producer
     */
    public BoardRuntime(BoardSettings settings, KafkaConnection connection, RegistrySerdes registry,
                        LongSupplier clockMs) {
        this.settings = settings;
        this.clockMs = clockMs;
        this.view = new YardView(settings, clockMs);
        this.broadcast = new AlertBroadcast(settings.clientBufferEvents(), settings.keepalive());
        this.feed = new YardFeed(connection, registry, view, broadcast, settings.window(), clockMs);
        this.acknowledger = new AlertAcknowledger(connection, registry);
    }

    public BoardRuntime start() {
        feed.start();
        return this;
    }

    public BoardSettings settings() {
        return settings;
    }

    public YardView view() {
        return view;
    }

    public AlertBroadcast broadcast() {
        return broadcast;
    }

    public YardFeed feed() {
        return feed;
    }

    /** The acknowledgement producer's settings (secrets included: never print them). */
    public Map<String, Object> acknowledgementProducerConfig() {
        return acknowledger.producerConfig();
    }

    AlertAcknowledgement acknowledge(String alertId, String lotId, String operator, String note)
            throws TimeoutException, ExecutionException, InterruptedException {
        return acknowledger.acknowledge(alertId, lotId, operator, note, Instant.ofEpochMilli(clockMs.getAsLong()));
    }

    @Override
    public void close() {
        feed.close();
        broadcast.close();
        acknowledger.close();
    }
}
