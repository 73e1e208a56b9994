package io.reescreen.simulator;

import io.reescreen.schemas.HeaderText;
import org.apache.kafka.common.header.Headers;

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
        return HeaderText.utf8(value);
    }

    private static Optional<String> text(Headers headers, String key) {
        return HeaderText.of(headers, key);
    }
}
