package io.reescreen.retrainer.training;

import java.time.Duration;
import java.util.Objects;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retrains every {@code period} when new examples came since the last attempt (a plant that gets a few lab results
 * a week still gets them used), on a daemon thread. A failed attempt is logged; the champion keeps serving.
 */
public final class RetrainingSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingSchedule.class);

    private final RetrainingLoop loop;
    private final Duration period;
    private final ScheduledExecutorService executor;

    private RetrainingSchedule(RetrainingLoop loop, Duration period, ScheduledExecutorService executor) {
        this.loop = loop;
        this.period = period;
        this.executor = executor;
    }

    /** Not started: {@link #tick()} by hand (tests). */
    static RetrainingSchedule manual(RetrainingLoop loop, Duration period) {
        return new RetrainingSchedule(Objects.requireNonNull(loop, "loop"), period, null);
    }

    public static RetrainingSchedule start(RetrainingLoop loop, Duration period) {
        Objects.requireNonNull(loop, "loop");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a schedule needs a positive period, got " + period);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retraining-schedule");
            t.setDaemon(true);
            return t;
        });
        RetrainingSchedule schedule = new RetrainingSchedule(loop, period, executor);
        executor.scheduleWithFixedDelay(schedule::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("retraining also every {} when new examples came", period);
        return schedule;
    }

    /** One scheduled moment: an attempt for each site that has something new to learn from and enough to learn at all. */
    List<RetrainingOutcome> tick() {
        try {
            if (loop.newSinceLastAttempt() > 0 && loop.canRetrain()) {
                return loop.retrainAll("schedule, every " + period, true);
            }
        } catch (RuntimeException e) {
            LOG.error("scheduled retraining failed; the champions keep serving", e);
        }
        return List.of();
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
