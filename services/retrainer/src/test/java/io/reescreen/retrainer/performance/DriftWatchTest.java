package io.reescreen.retrainer.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.DriftAlarm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DriftWatchTest {

    /** Window 4, coverage floor 70 %, error factor 1.5, judged from 2 comparisons. */
    private static final PerformanceSettings SETTINGS = new PerformanceSettings(4, 0.70, 1.5, 2, 0.5);

    private final RollingAccuracy rolling = new RollingAccuracy(SETTINGS.window());
    private final DriftWatch watch = new DriftWatch(SETTINGS);
    private final List<DriftAlarm> alarms = new ArrayList<>();

    @Test
    void coverageBelowTheFloorRaisesTheAlarmOnceAndItClearsOnceWhenCoverageComesBack() {
        judge("A", 10, false, OptionalDouble.empty());
        assertTrue(alarms.isEmpty(), "one comparison is too few to judge");
        judge("A", 10, false, OptionalDouble.empty());
        assertEquals(1, alarms.size(), "0 % coverage over 2 comparisons");
        assertTrue(alarms.get(0).getRaised());
        assertTrue(alarms.get(0).getReason().contains("coverage"), alarms.get(0).getReason());
        judge("A", 10, false, OptionalDouble.empty());
        judge("A", 10, true, OptionalDouble.empty());
        assertEquals(1, alarms.size(), "still below the floor: no second alarm");
        assertTrue(watch.raised("A").isPresent());
        judge("A", 10, true, OptionalDouble.empty());
        assertEquals(1, alarms.size(), "2 of the last 4 inside: 50 %, still below");
        judge("A", 10, true, OptionalDouble.empty());
        assertEquals(2, alarms.size(), "3 of the last 4 inside, 75 %: cleared, once");
        assertFalse(alarms.get(1).getRaised());
        assertFalse(watch.raised("A").isPresent());
        judge("A", 10, true, OptionalDouble.empty());
        assertEquals(2, alarms.size(), "nothing more while within the limits");
    }

    @Test
    void errorAboveTheReleasedErrorTimesTheFactorRaisesTheAlarmForThatSiteOnly() {
        OptionalDouble released = OptionalDouble.of(10.0); // %: the limit is 15 %
        judge("A", 14, true, released);
        judge("A", 14, true, released);
        judge("B", 14, true, released);
        judge("B", 14, true, released);
        assertTrue(alarms.isEmpty(), "14 % is within 1.5 × 10 %");
        judge("A", 30, true, released);
        assertEquals(1, alarms.size(), "A: (14 + 14 + 30) / 3 = 19.3 % > 15 %");
        assertEquals("A", alarms.get(0).getSiteId());
        assertTrue(alarms.get(0).getReason().contains("released"), alarms.get(0).getReason());
        assertEquals(10.0, alarms.get(0).getReleasedMaeOverMeanPct());
        assertFalse(watch.raised("B").isPresent());
    }

    private void judge(String site, double errorPct, boolean inside, OptionalDouble released) {
        AccuracyFigures f = rolling.add(Comparisons.withError(site, "v1", 100, errorPct, inside));
        Optional<DriftAlarm> alarm = watch.judge(site, "v1", null, f, released, 1L);
        alarm.ifPresent(alarms::add);
    }
}
