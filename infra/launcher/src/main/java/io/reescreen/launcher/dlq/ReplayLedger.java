package io.reescreen.launcher.dlq;

import io.reescreen.replay.ReplayWindow;
import io.reescreen.replay.TopicWindowReader;
import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The markers on {@code dlq.replays}: which dead letters were re-admitted. A marker is keyed by the dead letter's
 * {@code topic/partition/offset} and written in the same transaction as the re-admitted record, so one exists if and
 * only if that record was committed. Read {@code read_committed}: an aborted or still-open transaction's markers are
 * not there, and neither are its records.
 */
public final class ReplayLedger {

    private final Set<String> replayed;

    private ReplayLedger(Set<String> replayed) {
        this.replayed = replayed;
    }

    /** No markers: for {@code dlq stats} on a cluster whose dlq.replays was never created. */
    public static ReplayLedger empty() {
        return of(Set.of());
    }

    /** These ledger keys ({@link #key}). */
    static ReplayLedger of(Set<String> keys) {
        return new ReplayLedger(Set.copyOf(keys));
    }

    /** Every marker on the ledger up to its last stable offset now. */
    public static ReplayLedger read(TopicWindowReader reader) {
        Set<String> keys = new HashSet<>();
        String topic = Topics.DLQ_REPLAYS.name();
        reader.read(topic, reader.ranges(topic, new ReplayWindow(Optional.empty(), Optional.empty())), r -> {
            if (r.key() != null && r.value() != null) {
                keys.add(new String(r.key(), StandardCharsets.UTF_8));
            }
        }, TopicWindowReader.Progress.NONE);
        return new ReplayLedger(keys);
    }

    /** The ledger key of a dead letter: {@code xrf.readings.dlq/0/42}. */
    public static String key(ConsumerRecord<?, ?> deadLetter) {
        return deadLetter.topic() + "/" + deadLetter.partition() + "/" + deadLetter.offset();
    }

    public boolean replayed(ConsumerRecord<?, ?> deadLetter) {
        return replayed.contains(key(deadLetter));
    }

    /** How many dead letters of {@code topic} were re-admitted. */
    public long count(String topic) {
        return replayed.stream().filter(k -> k.startsWith(topic + "/")).count();
    }

    /** The marker for {@code deadLetter}, to send in the transaction that re-admits it. */
    static ProducerRecord<byte[], byte[]> marker(ConsumerRecord<?, ?> deadLetter, String target, String reason,
                                                 String run, Instant at) {
        return new ProducerRecord<>(Topics.DLQ_REPLAYS.name(), HeaderText.utf8(key(deadLetter)),
                HeaderText.utf8("re-admitted to " + target + " by run " + run + " at " + at + " (reason " + reason + ")"));
    }
}
