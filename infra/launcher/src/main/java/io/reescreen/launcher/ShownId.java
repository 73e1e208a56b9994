package io.reescreen.launcher;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A key or id as the operator's screen shows it: a dead letter's key may be anything a producer sent, up to about a
 * megabyte, so a long one is cut with an ellipsis and its size, and control characters are escaped so that they cannot
 * move the terminal's cursor.
 */
final class ShownId {

    /** Characters shown before the cut: more than a valid id needs in practice, a fraction of a line. */
    static final int MAX_CHARS = 64;

    private ShownId() {
    }

    static String of(String id) {
        if (id == null) {
            return "(no key)";
        }
        boolean cut = id.length() > MAX_CHARS;
        int end = cut ? MAX_CHARS : id.length();
        if (cut && Character.isHighSurrogate(id.charAt(end - 1))) {
            end--; // never half a character
        }
        StringBuilder shown = new StringBuilder(end + 32);
        for (int i = 0; i < end; i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c)) {
                shown.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        if (cut) {
            shown.append(String.format(Locale.ROOT, "… (%,d bytes)", id.getBytes(StandardCharsets.UTF_8).length));
        }
        return shown.toString();
    }
}
