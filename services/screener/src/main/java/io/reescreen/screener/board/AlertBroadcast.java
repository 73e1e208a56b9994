package io.reescreen.screener.board;

import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The board's live stream to every connected page: each alert and acknowledgement the feed reads, as Server-Sent
 * Events, and a keepalive comment in between. Each client has a queue of its own, bounded: a client that does not
 * read (a tablet asleep, a slow link) fills only its own queue and is dropped when it overflows, so it never holds up
 * the feed or the other clients. The page reconnects and reloads the list (EventSource does so by itself).
 */
public final class AlertBroadcast {

    public static final String ALERT = "alert";
    public static final String ACK = "ack";
    /** The board read much at once (it caught up with the yard): pages fetch the alerts and lots again. */
    public static final String REFRESH = "refresh";
    static final String KEEPALIVE = "keepalive";

    private static final Logger LOG = LoggerFactory.getLogger(AlertBroadcast.class);

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final int bufferEvents;
    private final Duration keepalive;
    private final AtomicLong dropped = new AtomicLong();

    public AlertBroadcast(int bufferEvents, Duration keepalive) {
        this.bufferEvents = bufferEvents;
        this.keepalive = keepalive;
    }

    /** A new client's stream; it ends when the client goes or is dropped. */
    public Publisher<Event<?>> subscribe() {
        Queue<Event<?>> queue = new ArrayBlockingQueue<>(bufferEvents);
        Client client = new Client(Sinks.many().unicast().onBackpressureBuffer(queue), Sinks.empty());
        clients.add(client);
        Flux<Event<?>> keepalives = Flux.interval(keepalive).<Event<?>>map(i -> Event.of((Object) "").comment(KEEPALIVE))
                .takeUntilOther(client.ended().asMono());
        // Ends when the client goes (cancel), or is dropped or the service stops (both sinks complete).
        return Flux.merge(1, client.events().asFlux(), keepalives).doFinally(signal -> clients.remove(client));
    }

    public void alert(BoardJson.Alert alert) {
        send(Event.<Object>of(alert).name(ALERT).id(alert.alertId()));
    }

    public void ack(BoardJson.Ack ack) {
        send(Event.<Object>of(ack).name(ACK));
    }

    public void refresh() {
        send(Event.<Object>of("{}").name(REFRESH));
    }

    public int clients() {
        return clients.size();
    }

    /** Clients dropped because they fell {@code bufferEvents} events behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Ends every client's stream (shutdown); their pages reconnect to another instance or after the restart. */
    public void close() {
        clients.forEach(Client::end);
        clients.clear();
    }

    private void send(Event<?> event) {
        for (Client client : clients) {
            Sinks.EmitResult result = client.events().tryEmitNext(event);
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                clients.remove(client);
                client.end(); // after what it has queued; its page reconnects and reloads the list
                dropped.incrementAndGet();
                LOG.info("yard board dropped an SSE client {} events behind", bufferEvents);
            } else if (result.isFailure()) {
                clients.remove(client); // cancelled or terminated: the client has gone
            }
        }
    }

    /** One connected page: its queue of events, and the end of its keepalives. */
    private record Client(Sinks.Many<Event<?>> events, Sinks.Empty<Void> ended) {
        void end() {
            events.tryEmitComplete();
            ended.tryEmitEmpty();
        }
    }
}
