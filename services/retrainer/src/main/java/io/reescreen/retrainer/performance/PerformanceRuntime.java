package io.reescreen.retrainer.performance;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.reescreen.retrainer.app.RetrainerProperties;
import io.reescreen.retrainer.follow.TopicFollower;
import io.reescreen.schemas.Topics;
import jakarta.inject.Named;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Follows models.served (the released error of each version) and models.performance (the rolling figures) from
 * their beginning, on threads of their own, from the context's start until shutdown.
 */
@Context
@Requires(property = RetrainerProperties.SERVICE, value = RetrainerProperties.STREAM_NAME)
public class PerformanceRuntime implements ApplicationEventListener<ShutdownEvent> {

    private final TopicFollower releases;
    private final TopicFollower comparisons;
    private final PerformanceBoard board;
    private final ComparisonCounts counts;
    private final AtomicBoolean started = new AtomicBoolean();

    public PerformanceRuntime(@Named(RetrainerProperties.STREAM_NAME) Supplier<Consumer<byte[], byte[]>> readers,
                              ReleasedErrors released, PerformanceBoard board, ComparisonCounts counts) {
        this.releases = new TopicFollower(Topics.MODEL_SERVED.name(), readers, released);
        this.comparisons = new TopicFollower(Topics.MODEL_PERFORMANCE.name(), readers, board);
        this.board = board;
        this.counts = counts;
    }

    @EventListener
    void onContextStarted(StartupEvent event) {
        if (started.compareAndSet(false, true)) {
            releases.start();
            comparisons.start();
        }
    }

    public PerformanceBoard board() {
        return board;
    }

    public ComparisonCounts counts() {
        return counts;
    }

    /** Whether the comparisons on models.performance at start have all been read. */
    public boolean caughtUp() {
        return releases.isCaughtUp() && comparisons.isCaughtUp();
    }

    /** Why a follower stopped for good, or null. */
    public String stopped() {
        return releases.stopped() != null ? releases.stopped() : comparisons.stopped();
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        comparisons.close();
        releases.close();
    }
}
