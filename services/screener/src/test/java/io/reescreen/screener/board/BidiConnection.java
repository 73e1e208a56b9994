package io.reescreen.screener.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A WebDriver BiDi client over one WebSocket (W3C WebDriver BiDi: commands {@code {id, method, params}}, answered by
 * {@code {type: "success"|"error", id, ...}}; events {@code {type: "event", method, params}}). Firefox speaks it
 * natively, so no geckodriver is needed; {@code java.net.http.WebSocket} and Jackson are all it takes.
 */
final class BidiConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private BidiConnection(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to {@code url} (e.g. {@code ws://127.0.0.1:PORT/session}); {@code events} gets every event's message. */
    static BidiConnection open(URI url, Consumer<JsonNode> events, Duration timeout) throws Exception {
        Listener listener = new Listener(events);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(url, listener).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        BidiConnection connection = new BidiConnection(socket);
        listener.connection = connection;
        return connection;
    }

    /** Sends a command and waits for its result; an error answer or no answer in time is an exception. */
    JsonNode send(String method, Map<String, ?> params, Duration timeout) throws IOException, TimeoutException {
        long id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) { // one outstanding send at a time, as java.net.http.WebSocket requires
                socket.sendText(JSON.writeValueAsString(command), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode message = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!"success".equals(message.path("type").asText())) {
                throw new IOException(method + " failed: " + message.path("error").asText() + ": "
                        + message.path("message").asText());
            }
            return message.path("result");
        } catch (TimeoutException e) {
            throw new TimeoutException(method + " got no answer within " + timeout);
        } catch (ExecutionException e) {
            throw new IOException(method + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(method + " interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
        failPending(new IOException("connection closed"));
    }

    private void received(String text, Consumer<JsonNode> events) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return; // not for us: every BiDi message is JSON
        }
        if (message.has("id") && !message.get("id").isNull()) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
            if (answer != null) {
                answer.complete(message);
            }
        } else if ("event".equals(message.path("type").asText())) {
            events.accept(message);
        }
    }

    private void failPending(Throwable why) {
        pending.values().forEach(answer -> answer.completeExceptionally(why));
    }

    /** Joins a message's fragments and hands the whole of it on; asks for the next one after each. */
    private static final class Listener implements WebSocket.Listener {
        private final Consumer<JsonNode> events;
        private final StringBuilder text = new StringBuilder();
        private volatile BidiConnection connection;

        Listener(Consumer<JsonNode> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (connection != null) {
                    connection.received(message, events);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (connection != null) {
                connection.failPending(new IOException("the browser closed the connection: " + statusCode + " "
                        + reason));
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            if (connection != null) {
                connection.failPending(error);
            }
        }
    }
}
