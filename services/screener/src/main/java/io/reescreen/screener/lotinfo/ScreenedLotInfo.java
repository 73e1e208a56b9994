package io.reescreen.screener.lotinfo;

import io.reescreen.schemas.LotInfo;
import java.util.Objects;

/**
 * What the lots screen made of one lots record: the metadata it kept (which goes on to the lots that were waiting
 * for it), or the value of its dead letter (the original bytes, cut only to fit), for lots.dlq. Lives only inside
 * the topology (never serialised).
 */
public record ScreenedLotInfo(LotInfo kept, byte[] deadLetterValue) {

    public static ScreenedLotInfo kept(LotInfo info) {
        return new ScreenedLotInfo(Objects.requireNonNull(info, "info"), null);
    }

    public static ScreenedLotInfo deadLetter(byte[] deadLetterValue) {
        return new ScreenedLotInfo(null, deadLetterValue);
    }

    public boolean isDeadLetter() {
        return kept == null;
    }
}
