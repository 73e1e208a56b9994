package io.reescreen.screener.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.sse.Event;
import io.reescreen.schemas.AlertTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

class AlertBroadcastTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    private static BoardJson.Alert alert(int i) {
        YardView view = new YardView(BoardSettings.DEFAULTS, T0::toEpochMilli);
        return view.onAlert(BoardRecords.alert("A" + i, "L", "S", T0, AlertTransition.BECAME_LIKELY_HIGH)).orElseThrow();
    }

    @Test
    void aClientThatDoesNotReadIsDroppedWithoutHoldingUpTheOthers() {
        AlertBroadcast broadcast = new AlertBroadcast(4, Duration.ofHours(1));
        List<Event<?>> fast = new CopyOnWriteArrayList<>();
        Flux.from(broadcast.subscribe()).subscribe(fast::add);
        AtomicBoolean slowEnded = new AtomicBoolean();
        Flux.from(broadcast.subscribe()).subscribe(new BaseSubscriber<Event<?>>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // asks for nothing: a page that stopped reading
            }

            @Override
            protected void hookFinally(reactor.core.publisher.SignalType type) {
                slowEnded.set(true);
            }
        });
        assertEquals(2, broadcast.clients());

        for (int i = 0; i < 20; i++) {
            broadcast.alert(alert(i));
        }

        assertEquals(20, fast.size(), "the reading client got every alert");
        assertEquals("A19", ((BoardJson.Alert) fast.get(19).getData()).alertId());
        assertEquals(AlertBroadcast.ALERT, fast.get(0).getName());
        assertEquals(1, broadcast.clients(), "the one that did not read was dropped");
        assertEquals(1, broadcast.dropped());
    }

    @Test
    void acknowledgementsGoToEveryClientAsAckEvents() {
        AlertBroadcast broadcast = new AlertBroadcast(4, Duration.ofHours(1));
        List<Event<?>> a = new CopyOnWriteArrayList<>();
        List<Event<?>> b = new CopyOnWriteArrayList<>();
        Flux.from(broadcast.subscribe()).subscribe(a::add);
        Flux.from(broadcast.subscribe()).subscribe(b::add);
        broadcast.ack(new BoardJson.Ack("A1", "Ana", null, 5));
        assertEquals(AlertBroadcast.ACK, a.get(0).getName());
        assertEquals("A1", ((BoardJson.Ack) b.get(0).getData()).alertId());
    }

    @Test
    void aRefreshTellsEveryClientToFetchTheListAgainInOneEvent() {
        AlertBroadcast broadcast = new AlertBroadcast(4, Duration.ofHours(1));
        List<Event<?>> a = new CopyOnWriteArrayList<>();
        Flux.from(broadcast.subscribe()).subscribe(a::add);
        broadcast.refresh();
        assertEquals(1, a.size());
        assertEquals(AlertBroadcast.REFRESH, a.get(0).getName());
    }

    @Test
    void aClientBetweenAlertsGetsKeepaliveCommentsAndClosingEndsEveryStream() throws Exception {
        AlertBroadcast broadcast = new AlertBroadcast(4, Duration.ofMillis(50));
        List<Event<?>> events = new CopyOnWriteArrayList<>();
        AtomicBoolean completed = new AtomicBoolean();
        Flux.from(broadcast.subscribe()).subscribe(events::add, e -> { }, () -> completed.set(true));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(AlertBroadcast.KEEPALIVE, events.get(0).getComment());
        broadcast.close();
        assertTrue(completed.get(), "the stream completes (not errors) when the service stops");
        assertEquals(0, broadcast.clients());
        assertTrue(Optional.ofNullable(events.get(0).getName()).isEmpty(), "a keepalive is no named event");
    }
}
