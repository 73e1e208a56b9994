package io.reescreen.simulator;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Ground-truth headers the simulator puts on every record it publishes to {@code xrf.readings}, so a test can
 * count what reached each topic, undecodable values included. They are the simulator's answer key: the screener
 * must never read them to decide anything.
 */
public final class SimulatorHeaders {

    /** The reading id, UTF-8; on every record, so even undecodable ones can be traced. */
    public static final String READING_ID = "reescreen.sim.reading-id";

    /** The {@link BadInputKind} name, UTF-8; only on records that were made bad. */
    public static final String BAD_INPUT_KIND = "reescreen.sim.bad-input";

    private SimulatorHeaders() {
    }

    public static Optional<String> readingId(Headers headers) {
        return text(headers, READING_ID);
    }

    public static Optional<BadInputKind> badInputKind(Headers headers) {
        return text(headers, BAD_INPUT_KIND).map(BadInputKind::valueOf);
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
