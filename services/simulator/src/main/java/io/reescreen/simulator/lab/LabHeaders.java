package io.reescreen.simulator.lab;

import io.reescreen.schemas.HeaderText;
import org.apache.kafka.common.header.Headers;

import java.util.Optional;

/**
 * Ground-truth headers {@link LabSimulator} puts on every record it publishes to {@code lab.results}, so a test can
 * count what reached each topic. They are the simulator's answer key: the retrainer must never read them to decide
 * anything.
 */
public final class LabHeaders {

    /** The lab result id, UTF-8; on every record. */
    public static final String LAB_RESULT_ID = "reescreen.sim.lab-result-id";

    /** The {@link BadLabResultKind} name, UTF-8; only on results that were made bad. */
    public static final String BAD_LAB_RESULT_KIND = "reescreen.sim.bad-lab-result";

    private LabHeaders() {
    }

    public static Optional<String> labResultId(Headers headers) {
        return text(headers, LAB_RESULT_ID);
    }

    public static Optional<BadLabResultKind> badKind(Headers headers) {
        return text(headers, BAD_LAB_RESULT_KIND).map(BadLabResultKind::valueOf);
    }

    static byte[] utf8(String value) {
        return HeaderText.utf8(value);
    }

    private static Optional<String> text(Headers headers, String key) {
        return HeaderText.of(headers, key);
    }
}
