package io.reescreen.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseKeyTest {

    @Test
    void theBaseModelIsKeyedByItsNameAsBeforeSiteModels() {
        assertEquals("screener", ReleaseKey.base("screener").toString());
        assertTrue(ReleaseKey.parse("screener").isBase());
    }

    @Test
    void aSiteModelIsKeyedByNameAndSiteAndReadsBack() {
        ReleaseKey key = ReleaseKey.site("screener", "YARD-A");
        assertEquals("screener@YARD-A", key.toString());
        assertEquals(key, ReleaseKey.parse(key.toString()));
    }

    @Test
    void aSiteIdMayContainTheSeparatorAndStillReadsBack() {
        ReleaseKey key = ReleaseKey.site("screener", "plant@north");
        assertEquals(Optional.of("plant@north"), ReleaseKey.parse(key.toString()).siteId());
    }

    @Test
    void aModelNameWithTheSeparatorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReleaseKey.base("a@b"));
        assertThrows(IllegalArgumentException.class, () -> ReleaseKey.site("screener", " "));
    }
}
