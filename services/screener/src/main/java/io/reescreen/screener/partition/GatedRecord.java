package io.reescreen.screener.partition;

/**
 * What {@link LotPartitionGate} forwards: a record to copy onto its lot's partition, one already there, or the dead
 * letter of one it turned away (its key and headers travel on the record). The value is the original's bytes, or the
 * fitted copy.
 *
 * @param onLotPartition passed, and read from its lot's partition already: it needs no hop
 */
public record GatedRecord(byte[] value, boolean passed, boolean onLotPartition) {

    static GatedRecord passed(byte[] value, boolean onLotPartition) {
        return new GatedRecord(value, true, onLotPartition);
    }

    static GatedRecord rejected(byte[] deadLetterValue) {
        return new GatedRecord(deadLetterValue, false, false);
    }
}
