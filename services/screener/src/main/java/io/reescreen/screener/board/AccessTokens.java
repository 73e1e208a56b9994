package io.reescreen.screener.board;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Whether a request carries the configured token, compared in constant time (no timing hint at its content). */
final class AccessTokens {

    static final String BEARER = "Bearer ";

    private AccessTokens() {
    }

    /** The token of an {@code Authorization: Bearer ...} header, if that is what it is. */
    static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).trim());
    }

    static boolean matches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
