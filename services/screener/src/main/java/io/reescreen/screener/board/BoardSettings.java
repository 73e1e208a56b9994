package io.reescreen.screener.board;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The yard board's settings ({@code reescreen.screener.board.*}): how far back the board reads, how much it keeps in
 * memory, who may acknowledge and who may look.
 *
 * @param window              how far back the board reads its topics at start, and how long it keeps a lot or alert
 * @param maxLots             lots kept (the least recently updated go first)
 * @param maxAlerts           alerts kept (the oldest go first)
 * @param maxShotsPerLot      compositions kept per lot for its trend (the latest)
 * @param maxDeadLettersPerLot dead-lettered readings kept per lot (the latest)
 * @param operatorToken       the token acknowledging needs; empty: acknowledging is refused
 * @param viewerToken         the token viewing needs; empty: viewing is open
 * @param keepalive           how often an SSE client gets a keepalive comment
 * @param clientBufferEvents  events queued for one SSE client before it is dropped as too slow
 */
public record BoardSettings(Duration window, int maxLots, int maxAlerts, int maxShotsPerLot, int maxDeadLettersPerLot,
                            Optional<String> operatorToken, Optional<String> viewerToken, Duration keepalive,
                            int clientBufferEvents) {

    public static final String PREFIX = "reescreen.screener.board.";
    public static final String WINDOW = PREFIX + "window";
    public static final String MAX_LOTS = PREFIX + "max-lots";
    public static final String MAX_ALERTS = PREFIX + "max-alerts";
    public static final String MAX_SHOTS_PER_LOT = PREFIX + "max-shots-per-lot";
    public static final String MAX_DEAD_LETTERS_PER_LOT = PREFIX + "max-dead-letters-per-lot";
    public static final String OPERATOR_TOKEN = PREFIX + "operator-token";
    public static final String VIEWER_TOKEN = PREFIX + "viewer-token";
    public static final String KEEPALIVE = PREFIX + "keepalive";
    public static final String CLIENT_BUFFER_EVENTS = PREFIX + "client-buffer-events";
    /** Whether the board runs at all (default true); off, no consumer thread and no /board endpoints. */
    public static final String ENABLED = PREFIX + "enabled";

    public static final BoardSettings DEFAULTS = new BoardSettings(Duration.ofHours(12), 5_000, 2_000, 200, 50,
            Optional.empty(), Optional.empty(), Duration.ofSeconds(15), 256);

    public BoardSettings {
        positive(window, WINDOW);
        positive(keepalive, KEEPALIVE);
        atLeastOne(maxLots, MAX_LOTS);
        atLeastOne(maxAlerts, MAX_ALERTS);
        atLeastOne(maxShotsPerLot, MAX_SHOTS_PER_LOT);
        atLeastOne(maxDeadLettersPerLot, MAX_DEAD_LETTERS_PER_LOT);
        atLeastOne(clientBufferEvents, CLIENT_BUFFER_EVENTS);
        operatorToken = operatorToken.filter(t -> !t.isBlank());
        viewerToken = viewerToken.filter(t -> !t.isBlank());
    }

    /** From configuration values by key (absent keys keep their defaults). */
    public static BoardSettings of(Map<String, String> values) {
        BoardSettings d = DEFAULTS;
        return new BoardSettings(duration(values, WINDOW, d.window()), integer(values, MAX_LOTS, d.maxLots()),
                integer(values, MAX_ALERTS, d.maxAlerts()), integer(values, MAX_SHOTS_PER_LOT, d.maxShotsPerLot()),
                integer(values, MAX_DEAD_LETTERS_PER_LOT, d.maxDeadLettersPerLot()),
                Optional.ofNullable(values.get(OPERATOR_TOKEN)), Optional.ofNullable(values.get(VIEWER_TOKEN)),
                duration(values, KEEPALIVE, d.keepalive()),
                integer(values, CLIENT_BUFFER_EVENTS, d.clientBufferEvents()));
    }

    /** Never the tokens themselves (they end up in logs). */
    @Override
    public String toString() {
        return "BoardSettings[window=" + window + ", maxLots=" + maxLots + ", maxAlerts=" + maxAlerts
                + ", maxShotsPerLot=" + maxShotsPerLot + ", maxDeadLettersPerLot=" + maxDeadLettersPerLot
                + ", operatorToken=" + (operatorToken.isPresent() ? "set" : "none")
                + ", viewerToken=" + (viewerToken.isPresent() ? "set" : "none") + ", keepalive=" + keepalive
                + ", clientBufferEvents=" + clientBufferEvents + "]";
    }

    private static Duration duration(Map<String, String> values, String key, Duration fallback) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT12H, got '" + v + "'");
        }
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
        }
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
        }
    }

    private static void atLeastOne(int n, String key) {
        if (n < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + n);
        }
    }
}
