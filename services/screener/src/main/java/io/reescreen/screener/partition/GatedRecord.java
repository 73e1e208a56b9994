package io.reescreen.screener.partition;

/**
 * What {@link LotPartitionGate} forwards: a record to copy onto its lot's partition, or the dead letter of one it
 * turned away (its key and headers travel on the record). The value is the original's bytes, or the fitted copy.
 */
public record GatedRecord(byte[] value, boolean passed) {

    static GatedRecord passed(byte[] value) {
        return new GatedRecord(value, true);
    }

    static GatedRecord rejected(byte[] deadLetterValue) {
        return new GatedRecord(deadLetterValue, false);
    }
}
