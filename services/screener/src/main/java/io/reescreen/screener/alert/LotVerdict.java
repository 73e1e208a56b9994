package io.reescreen.screener.alert;

import io.reescreen.screener.state.BinaryStateSerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * A lot's standing verdict: the value of the {@code lot-verdicts} store. An alert is raised only when a new
 * prediction changes {@link #likelyHigh()}.
 *
 * @param modelVersion  the model behind the verdict (a different one next time means the trigger was NEW_MODEL)
 * @param probability   P(total >= threshold) behind the verdict
 * @param readingCount  readings behind the verdict
 * @param lastAlertId   the last alert raised for the lot, null when none yet
 */
public record LotVerdict(boolean likelyHigh, String modelVersion, double probability, int readingCount,
                         long updatedAtMs, String lastAlertId) {

    public LotVerdict {
        Objects.requireNonNull(modelVersion, "modelVersion");
    }

    public static final BinaryStateSerde<LotVerdict> SERDE = new BinaryStateSerde<>("LotVerdict", 1,
            LotVerdict::write, LotVerdict::read);

    private static void write(LotVerdict v, DataOutputStream out) throws IOException {
        out.writeBoolean(v.likelyHigh);
        out.writeUTF(v.modelVersion);
        out.writeDouble(v.probability);
        out.writeInt(v.readingCount);
        out.writeLong(v.updatedAtMs);
        BinaryStateSerde.writeNullableUtf(out, v.lastAlertId);
    }

    private static LotVerdict read(DataInputStream in, int version) throws IOException {
        return new LotVerdict(in.readBoolean(), in.readUTF(), in.readDouble(), in.readInt(), in.readLong(),
                BinaryStateSerde.readNullableUtf(in));
    }
}
