package io.reescreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void instantsDatesAndOffsetsAreAcceptedDatesMeanStartOfDayUtc() {
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), ReplayWindow.parseTime("2026-11-20", "--from"));
        assertEquals(Instant.parse("2026-11-20T06:30:00Z"), ReplayWindow.parseTime("2026-11-20T06:30:00Z", "--from"));
        assertEquals(Instant.parse("2026-11-20T07:00:00Z"), ReplayWindow.parseTime("2026-11-20T08:00:00+01:00", "--to"));
        ReplayWindow all = ReplayWindow.parse("beginning", null);
        assertEquals(new ReplayWindow(Optional.empty(), Optional.empty()), all);
        assertEquals(all, ReplayWindow.parse("BEGINNING", "end"));
        ReplayWindow day = ReplayWindow.parse("2026-11-20", "2026-11-21");
        assertEquals(Optional.of(Instant.parse("2026-11-21T00:00:00Z")), day.to());
        assertTrue(day.describe().startsWith("2026-11-20T00:00:00Z .. 2026-11-21"), day.describe());
    }

    @Test
    void unclearTimesAndEmptyWindowsAreRefusedWithTheFix() {
        IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
                () -> ReplayWindow.parse("2026-11-20T08:00:00", null));
        assertTrue(local.getMessage().contains("2026-11-20T08:00:00Z"), local.getMessage());
        IllegalArgumentException junk = assertThrows(IllegalArgumentException.class,
                () -> ReplayWindow.parse("yesterday", null));
        assertTrue(junk.getMessage().contains("--from 'yesterday'") && junk.getMessage().contains("beginning"),
                junk.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplayWindow.parse("2026-11-21", "2026-11-20"));
        assertThrows(IllegalArgumentException.class, () -> ReplayWindow.parse("2026-11-21", "2026-11-21"));
    }
}
