package io.reescreen.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Record headers carrying UTF-8 text, as every reescreen header does (dead letters, the simulators' answer keys). */
public final class HeaderText {

    private HeaderText() {
    }

    /** The text of the last header named {@code key}, if there is one with a value. */
    public static Optional<String> of(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
