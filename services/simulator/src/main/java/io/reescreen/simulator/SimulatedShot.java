package io.reescreen.simulator;

import io.reescreen.schemas.XrfReading;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One simulated reading with its ground truth: the record as published (or, for {@link BadInputKind#UNDECODABLE},
 * the raw bytes), the lot it was shot on, and whether and how it was made bad.
 */
public final class SimulatedShot {

    private final String readingId;
    private final String lotId;
    private final SimulatedLot lot;
    private final BadInputKind badInput;
    private final XrfReading reading;
    private final byte[] undecodableBytes;

    private SimulatedShot(String readingId, String lotId, SimulatedLot lot, BadInputKind badInput, XrfReading reading,
                          byte[] undecodableBytes) {
        this.readingId = Objects.requireNonNull(readingId, "readingId");
        this.lotId = Objects.requireNonNull(lotId, "lotId");
        this.lot = Objects.requireNonNull(lot, "lot");
        this.badInput = badInput;
        this.reading = reading;
        this.undecodableBytes = undecodableBytes;
    }

    static SimulatedShot good(SimulatedLot lot, XrfReading reading) {
        return new SimulatedShot(reading.getReadingId(), reading.getLotId(), lot, null, reading, null);
    }

    static SimulatedShot bad(SimulatedLot lot, BadInputKind kind, XrfReading reading) {
        if (kind == BadInputKind.UNDECODABLE) {
            throw new IllegalArgumentException("an undecodable shot has bytes, not a reading");
        }
        return new SimulatedShot(reading.getReadingId(), reading.getLotId(), lot, Objects.requireNonNull(kind), reading,
                null);
    }

    static SimulatedShot undecodable(SimulatedLot lot, String readingId, String lotId, byte[] bytes) {
        return new SimulatedShot(readingId, lotId, lot, BadInputKind.UNDECODABLE, null, bytes.clone());
    }

    /** Unique per shot, bad ones included. */
    public String readingId() {
        return readingId;
    }

    /** The record key: the lot id the reading claims (for {@link BadInputKind#UNKNOWN_LOT}, an unpublished one). */
    public String lotId() {
        return lotId;
    }

    /** The lot actually shot, with its true composition and REE. */
    public SimulatedLot lot() {
        return lot;
    }

    public boolean isGood() {
        return badInput == null;
    }

    /** How the shot was made bad; empty for a good shot. */
    public Optional<BadInputKind> badInput() {
        return Optional.ofNullable(badInput);
    }

    public boolean isUndecodable() {
        return badInput == BadInputKind.UNDECODABLE;
    }

    /** The reading as published; null only for {@link BadInputKind#UNDECODABLE} shots. */
    public XrfReading reading() {
        return reading;
    }

    /** The raw non-Avro value published for an {@link BadInputKind#UNDECODABLE} shot; null otherwise. */
    public byte[] undecodableBytes() {
        return undecodableBytes == null ? null : undecodableBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulatedShot other && readingId.equals(other.readingId) && lotId.equals(other.lotId)
                && lot.equals(other.lot) && badInput == other.badInput && Objects.equals(reading, other.reading)
                && java.util.Arrays.equals(undecodableBytes, other.undecodableBytes);
    }

    @Override
    public int hashCode() {
        return readingId.hashCode();
    }

    @Override
    public String toString() {
        String what = badInput == null ? "good" : badInput.name();
        String body = reading != null ? reading.toString()
                : new String(undecodableBytes, StandardCharsets.UTF_8);
        return "SimulatedShot{" + what + ", " + body + "}";
    }
}
