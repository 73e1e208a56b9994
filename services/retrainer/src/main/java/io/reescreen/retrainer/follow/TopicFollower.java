package io.reescreen.retrainer.follow;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole topic from its beginning and then follows it, on a thread of its own, without a consumer group:
 * the retrainer rebuilds what it knows (examples, the champion) from the log on every start, so nothing is committed.
 * Records below the end offsets seen at start are history; once they are all read the follower is caught up.
 * A handler that throws is logged and the record skipped: one bad record never stops the follower.
 */
public final class TopicFollower implements AutoCloseable {

    /** What a follower does with each record. */
    public interface Handler {
        /** @param history the record was on the topic before the follower started */
        void handle(ConsumerRecord<byte[], byte[]> record, boolean history);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA = Duration.ofSeconds(5);

    private final String topic;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Handler handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile boolean closed;
    private volatile long failures;
    private volatile String stopped;

    /** @param consumers makes the consumer (read_committed, no group, byte arrays), called on the follower's thread */
    public TopicFollower(String topic, Supplier<Consumer<byte[], byte[]>> consumers, Handler handler) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.thread = new Thread(this::run, "follow-" + topic);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until every record that was on the topic at start has been handled. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Why the follower stopped on its own (not closed), or null while it runs. */
    public String stopped() {
        return stopped;
    }

    /** Records whose handler threw. */
    public long failures() {
        return failures;
    }

    private void run() {
        try (Consumer<byte[], byte[]> c = consumers.get()) {
            consumer = c;
            List<TopicPartition> partitions = partitions(c);
            if (partitions == null) {
                return;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions, METADATA));
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    handle(r, r.offset() < end.getOrDefault(tp, 0L));
                }
                if (!isCaughtUp() && partitions.stream().allMatch(p -> c.position(p, METADATA) >= end.get(p))) {
                    LOG.info("{}: caught up with the records before start", topic);
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("{}: follower woken up unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            if (!closed) {
                stopped = "the " + topic + " follower stopped: " + e;
                LOG.error("{}: FOLLOWER STOPPED; liveness fails", topic, e);
            }
        }
    }

    /** The topic's partitions, waiting for it to exist (topics may be created after the service starts). */
    private List<TopicPartition> partitions(Consumer<byte[], byte[]> c) {
        long nextWarning = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!closed) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic, METADATA);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                if (System.nanoTime() > nextWarning) {
                    LOG.warn("{}: no such topic yet; waiting for it (create the topics with ./reescreen topics)", topic);
                    nextWarning = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("{}: no metadata yet ({}); retrying", topic, e.getMessage());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, boolean history) {
        try {
            handler.handle(record, history);
        } catch (RuntimeException e) {
            failures++;
            LOG.warn("{}: record at partition {} offset {} skipped: {}", topic, record.partition(), record.offset(),
                    e.toString());
        }
    }

    /** Stops following and waits for the thread (a handler in the middle of a retraining finishes first). */
    @Override
    public void close() {
        closed = true;
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
