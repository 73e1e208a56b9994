package io.reescreen.screener.lotinfo;

import io.reescreen.schemas.CoalRank;
import io.reescreen.schemas.LotInfo;
import io.reescreen.model.contract.SchemaEnums;
import io.reescreen.screener.state.BinaryStateSerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * The lot-info store's format: the screener's own (no registry subject for its changelog), versioned, and unable to
 * fail on what {@link LotInfoValidator} lets through (every string is at most 256 UTF-8 bytes, far below
 * {@code writeUTF}'s 65,535). Enum symbols travel by name, so a symbol an older build does not know reads as UNKNOWN.
 */
public final class LotInfoStateSerde {

    public static final BinaryStateSerde<LotInfo> SERDE = new BinaryStateSerde<>("LotInfo", 1,
            LotInfoStateSerde::write, LotInfoStateSerde::read);

    private LotInfoStateSerde() {
    }

    private static void write(LotInfo info, DataOutputStream out) throws IOException {
        out.writeUTF(info.getLotId());
        out.writeUTF(info.getSiteId());
        out.writeUTF(info.getAshOrigin() == null ? "UNKNOWN" : info.getAshOrigin().name());
        out.writeUTF(info.getCoalRank() == null ? "UNKNOWN" : info.getCoalRank().name());
        BinaryStateSerde.writeNullableUtf(out, info.getBasin());
        BinaryStateSerde.writeNullableUtf(out, info.getBoilerType());
        out.writeLong(info.getUpdatedAt().toEpochMilli());
    }

    private static LotInfo read(DataInputStream in, int version) throws IOException {
        return LotInfo.newBuilder()
                .setLotId(in.readUTF())
                .setSiteId(in.readUTF())
                .setAshOrigin(SchemaEnums.ashOrigin(in.readUTF()))
                .setCoalRank(coalRank(in.readUTF()))
                .setBasin(BinaryStateSerde.readNullableUtf(in))
                .setBoilerType(BinaryStateSerde.readNullableUtf(in))
                .setUpdatedAt(Instant.ofEpochMilli(in.readLong()))
                .build();
    }

    private static CoalRank coalRank(String name) {
        try {
            return CoalRank.valueOf(name);
        } catch (IllegalArgumentException e) {
            return CoalRank.UNKNOWN;
        }
    }
}
