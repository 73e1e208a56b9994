package io.reescreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void anIdOfTheMaximumLengthPassesAndOneByteMoreIsRefusedWithItsLength() {
        assertTrue(Identifiers.problem("lotId", "a".repeat(Identifiers.MAX_BYTES)).isEmpty());
        assertEquals("lotId is 257 bytes long; at most 256 UTF-8 bytes are allowed",
                Identifiers.problem("lotId", "a".repeat(Identifiers.MAX_BYTES + 1)).orElseThrow());
    }

    @Test
    void lengthIsCountedInUtf8BytesNotCharacters() {
        assertTrue(Identifiers.problem("siteId", "é".repeat(129)).isPresent());
    }
}
