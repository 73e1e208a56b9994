package io.reescreen.screener.board;

import io.reescreen.schemas.AlertTransition;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ReePrediction;
import java.util.ArrayDeque;
import java.util.Deque;

/** What the board holds of one lot; guarded by its {@link YardView}. */
final class YardLot {

    final String lotId;
    String siteId;
    ReePrediction prediction;
    /** The last alert's direction; null before any alert. */
    AlertTransition lastTransition;
    long lastTransitionAtMs = Long.MIN_VALUE;
    int lastShotCount = -1;
    long updatedAtMs;
    final Deque<BoardJson.Shot> shots = new ArrayDeque<>();
    final Deque<BoardJson.DeadLetter> deadLetters = new ArrayDeque<>();
    final Deque<BoardJson.LabResult> labResults = new ArrayDeque<>();

    YardLot(String lotId) {
        this.lotId = lotId;
    }

    void touch(long atMs) {
        updatedAtMs = Math.max(updatedAtMs, atMs);
    }

    void site(String site) {
        if (site != null) {
            siteId = site;
        }
    }

    /** One composition per shot count: a lot scored again over the same shots (late metadata) adds no point. */
    boolean isNewShot(LotComposition c) {
        return c.getShotCount() != lastShotCount;
    }

    static <T> void keepLast(Deque<T> deque, T item, int max) {
        deque.addLast(item);
        while (deque.size() > max) {
            deque.removeFirst();
        }
    }
}
