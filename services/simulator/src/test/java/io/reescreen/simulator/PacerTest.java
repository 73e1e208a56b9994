package io.reescreen.simulator;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {

    @Test
    void holdsTheRate() {
        Pacer pacer = new Pacer(500);
        long start = System.nanoTime();
        for (int i = 0; i < 101; i++) {
            assertTrue(pacer.awaitTurn(() -> false));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 100 intervals of 2 ms after the first event: at least 0.2 s, and not much more on a busy machine.
        assertTrue(seconds >= 0.195 && seconds < 1.0, seconds + " s");
    }

    @Test
    void unthrottledNeverWaitsAndAStopEndsAWait() {
        Pacer fast = new Pacer(SimulationPlan.UNTHROTTLED);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            fast.awaitTurn(() -> false);
        }
        assertTrue(System.nanoTime() - start < 1_000_000_000L);

        Pacer slow = new Pacer(0.01); // one event per 100 s
        assertTrue(slow.awaitTurn(() -> false));
        AtomicBoolean stop = new AtomicBoolean();
        new Thread(() -> {
            sleep(100);
            stop.set(true);
        }).start();
        long waitStart = System.nanoTime();
        assertFalse(slow.awaitTurn(stop::get));
        assertTrue(System.nanoTime() - waitStart < 5_000_000_000L, "the stop is seen promptly");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
