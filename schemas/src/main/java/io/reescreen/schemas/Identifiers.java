package io.reescreen.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one bound on identifiers (lot, reading, analyzer, site, lab result, model ids) that every service checks on
 * input. Ids become state-store keys, changelog records and output fields: an unbounded one can exceed what a
 * store serde or a Kafka record can hold and stop a stream.
 */
public final class Identifiers {

    /** At most this many UTF-8 bytes in any identifier. */
    public static final int MAX_BYTES = 256;

    private Identifiers() {
    }

    /** Why {@code value} cannot be an identifier named {@code field}, or empty if it can (null is the caller's call). */
    public static Optional<String> problem(String field, CharSequence value) {
        if (value == null) {
            return Optional.empty();
        }
        int bytes = value.toString().getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_BYTES ? Optional.empty()
                : Optional.of(field + " is " + bytes + " bytes long; at most " + MAX_BYTES + " UTF-8 bytes are allowed");
    }
}
