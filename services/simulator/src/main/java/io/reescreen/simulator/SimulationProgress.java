package io.reescreen.simulator;

import java.time.Duration;

/**
 * A cheap snapshot of a running simulation, for progress displays and for tests waiting on a count.
 *
 * @param lotsPublished     LotInfo records acknowledged
 * @param readingsAttempted readings handed to the producer
 * @param readingsSent      readings acknowledged by the broker
 * @param goodSent          of which good
 * @param badSent           of which bad
 * @param failedSends       readings or lots that failed to send
 * @param elapsed           wall time since the run started
 * @param finished          whether the run has ended
 */
public record SimulationProgress(int lotsPublished, long readingsAttempted, long readingsSent, long goodSent,
                                 long badSent, long failedSends, Duration elapsed, boolean finished) {

    /** Handed to the producer, neither acknowledged nor failed yet. */
    public long inFlight() {
        return readingsAttempted - readingsSent - failedSends;
    }
}
