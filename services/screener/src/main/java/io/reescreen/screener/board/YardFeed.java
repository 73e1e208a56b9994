package io.reescreen.screener.board;

import io.reescreen.release.ReleaseKey;
import io.reescreen.schemas.AlertAcknowledgement;
import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HighReeAlert;
import io.reescreen.schemas.LotComposition;
import io.reescreen.schemas.ModelPerformance;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReePrediction;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the yard into the {@link YardView}: every partition of the board's topics, {@code read_committed}, without a
 * consumer group (each instance reads the whole yard, whichever partitions its streams own), from the board's window
 * (offsets by time) on, then live. Alerts and acknowledgements go out on the live stream once the feed has caught up;
 * what it read before that (hours of a yard's alerts after a restart, in no particular order across partitions) goes
 * out as one refresh, so pages neither beep for old alerts nor drown in them. One thread of its own; a failure is
 * logged, shown on the board's health and retried from where it stopped, and never touches the screener's streams. A
 * record it cannot decode is skipped and counted.
 */
public final class YardFeed implements AutoCloseable {

    /** The topics read from the window's start; the others (acknowledgements, refused releases) from their beginning. */
    static final List<String> WINDOWED = List.of(Topics.REE_ALERTS.name(), Topics.REE_PREDICTIONS.name(),
            Topics.LOT_COMPOSITIONS.name(), Topics.XRF_READINGS_DLQ.name(), Topics.MODEL_PERFORMANCE.name());
    static final List<String> WHOLE = List.of(Topics.ALERT_ACKS.name(), Topics.MODEL_RELEASES_DLQ.name());

    /** Client ids must differ between boards of one JVM (tests, the demo), or their metrics collide. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(YardFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;
    private final YardView view;
    private final AlertBroadcast broadcast;
    private final Duration window;
    private final LongSupplier clockMs;
    private final Deserializer<HighReeAlert> alerts;
    private final Deserializer<ReePrediction> predictions;
    private final Deserializer<LotComposition> compositions;
    private final Deserializer<ModelPerformance> performance;
    private final Deserializer<AlertAcknowledgement> acks;
    private final Deserializer<ModelRelease> releases;
    /** Where to go on after a failure: the next offset of every partition read so far. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Counted down on close: ends a wait between retries at once (no interrupt, which would spoil a closing consumer). */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean caughtUp;
    private volatile String lastError;
    private volatile long skipped;

    /**
     * @param connection the cluster's address and security settings (the screener's); the board adds its own
     */
    public YardFeed(KafkaConnection connection, RegistrySerdes registry, YardView view,
                    AlertBroadcast broadcast, Duration window, LongSupplier clockMs) {
        Map<String, Object> own = new HashMap<>();
        own.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        own.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        own.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A missing topic is reported, never created by asking for it (it would get the broker's defaults, not compaction).
        own.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // No group: the board assigns itself every partition and keeps its positions itself.
        own.put(ConsumerConfig.CLIENT_ID_CONFIG,
                "reescreen-board-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet());
        this.consumerConfig = connection.clientConfig(own);
        this.view = view;
        this.broadcast = broadcast;
        this.window = window;
        this.clockMs = clockMs;
        this.alerts = registry.valueSerde(HighReeAlert.class).deserializer();
        this.predictions = registry.valueSerde(ReePrediction.class).deserializer();
        this.compositions = registry.valueSerde(LotComposition.class).deserializer();
        this.performance = registry.valueSerde(ModelPerformance.class).deserializer();
        this.acks = registry.valueSerde(AlertAcknowledgement.class).deserializer();
        this.releases = registry.valueSerde(ModelRelease.class).deserializer();
        this.thread = new Thread(this::run, "reescreen-board-feed");
        thread.setDaemon(true);
    }

    public YardFeed start() {
        thread.start();
        return this;
    }

    /** The consumer's settings (secrets included: never print them). */
    public Map<String, Object> consumerConfig() {
        return Map.copyOf(consumerConfig);
    }

    /** Whether the board has read every topic up to where it ended when the feed (re)connected. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The last failure, or null while the feed reads. */
    public String lastError() {
        return lastError;
    }

    /** Records the feed could not decode and skipped. */
    public long skipped() {
        return skipped;
    }

    private void run() {
        while (running.get()) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                if (!running.get()) {
                    return;
                }
                Map<TopicPartition, Long> ends = assignAndSeek(c);
                lastError = null;
                long nextPrune = 0;
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                        take(r);
                        positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                    }
                    if (!caughtUp && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                        LOG.info("yard board caught up: {} lots in view", view.lotCount());
                        broadcast.refresh(); // what was read meanwhile, in one go: pages fetch the list again
                    }
                    long now = clockMs.getAsLong();
                    if (now >= nextPrune) {
                        view.forgetBefore(now - window.toMillis());
                        nextPrune = now + PRUNE_EVERY.toMillis();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                caughtUp = false;
                LOG.warn("yard board feed failed, retrying in {}: {}", RETRY, lastError);
                LOG.debug("yard board feed failure", e);
                sleep(RETRY);
            }
        }
    }

    /** Assigns every partition of the board's topics and seeks; answers the end offsets to catch up to. */
    private Map<TopicPartition, Long> assignAndSeek(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> windowed = partitions(c, WINDOWED);
        List<TopicPartition> whole = partitions(c, WHOLE);
        List<TopicPartition> all = new ArrayList<>(windowed);
        all.addAll(whole);
        c.assign(all);
        Map<TopicPartition, Long> fromTime = new HashMap<>();
        long start = clockMs.getAsLong() - window.toMillis();
        for (TopicPartition tp : windowed) {
            if (!positions.containsKey(tp)) {
                fromTime.put(tp, start);
            }
        }
        Map<TopicPartition, OffsetAndTimestamp> found = fromTime.isEmpty() ? Map.of()
                : c.offsetsForTimes(fromTime, ASK_TIMEOUT);
        Map<TopicPartition, Long> ends = c.endOffsets(all, ASK_TIMEOUT);
        for (TopicPartition tp : all) {
            Long known = positions.get(tp);
            if (known != null) {
                c.seek(tp, known);
            } else if (fromTime.containsKey(tp)) {
                OffsetAndTimestamp at = found.get(tp);
                c.seek(tp, at != null ? at.offset() : ends.get(tp)); // nothing in the window: from the end
            } else {
                c.seekToBeginning(Set.of(tp));
            }
        }
        return ends;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, List<String> topics) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = c.partitionsFor(topic, ASK_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist (./reescreen topics creates it)");
            }
            infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
        }
        return out;
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        try {
            String topic = r.topic();
            if (topic.equals(Topics.XRF_READINGS_DLQ.name())) {
                view.onDeadLetter(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                        DlqHeaders.text(r.headers(), DlqHeaders.REASON), DlqHeaders.text(r.headers(), DlqHeaders.DETAIL),
                        timeOf(r));
                return;
            }
            if (topic.equals(Topics.MODEL_RELEASES_DLQ.name())) {
                view.onRejectedRelease(rejected(r));
                return;
            }
            if (r.value() == null) {
                return; // a tombstone (compacted topics)
            }
            if (topic.equals(Topics.REE_ALERTS.name())) {
                view.onAlert(alerts.deserialize(topic, r.headers(), r.value())).filter(a -> caughtUp)
                        .ifPresent(broadcast::alert);
            } else if (topic.equals(Topics.REE_PREDICTIONS.name())) {
                view.onPrediction(predictions.deserialize(topic, r.headers(), r.value()));
            } else if (topic.equals(Topics.LOT_COMPOSITIONS.name())) {
                view.onComposition(compositions.deserialize(topic, r.headers(), r.value()), r.timestamp());
            } else if (topic.equals(Topics.MODEL_PERFORMANCE.name())) {
                view.onPerformance(performance.deserialize(topic, r.headers(), r.value()));
            } else if (topic.equals(Topics.ALERT_ACKS.name())) {
                BoardJson.Ack ack = view.onAck(acks.deserialize(topic, r.headers(), r.value()));
                if (caughtUp) {
                    broadcast.ack(ack);
                }
            }
        } catch (RuntimeException e) {
            // A record the board cannot read is the producer's problem, not the board's: skip it, say so once.
            skipped++;
            LOG.warn("yard board skipped {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    /** A refused release: its version and site if its bytes still decode (they may be cut to fit), the reason. */
    private BoardJson.RejectedRelease rejected(ConsumerRecord<byte[], byte[]> r) {
        String version = null;
        String site = null;
        try {
            ModelRelease release = releases.deserialize(r.topic(), r.headers(), r.value());
            version = release.getVersion();
            site = release.getSiteId();
        } catch (RuntimeException e) {
            try {
                site = r.key() == null ? null
                        : ReleaseKey.parse(new String(r.key(), StandardCharsets.UTF_8)).siteId().orElse(null);
            } catch (RuntimeException notAKey) {
                site = null;
            }
        }
        String reason = DlqHeaders.text(r.headers(), DlqHeaders.REASON);
        String detail = DlqHeaders.text(r.headers(), DlqHeaders.DETAIL);
        return new BoardJson.RejectedRelease(version, site, detail == null ? reason : reason + ": " + detail,
                timeOf(r));
    }

    /** When it was dead-lettered (the header), else the record's time. */
    private static long timeOf(ConsumerRecord<byte[], byte[]> r) {
        String at = DlqHeaders.text(r.headers(), DlqHeaders.TIME);
        if (at != null) {
            try {
                return Instant.parse(at).toEpochMilli();
            } catch (RuntimeException e) {
                // the record's own time below
            }
        }
        return r.timestamp();
    }

    private void sleep(Duration d) {
        try {
            stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() {
        running.set(false);
        stopped.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
