package io.reescreen.screener.lotinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.AshOrigin;
import io.reescreen.schemas.CoalRank;
import io.reescreen.schemas.Identifiers;
import io.reescreen.schemas.LotInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lot-info store's format cannot fail on anything the lots screen lets through. */
class LotInfoStateSerdeTest {

    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Test
    void everyLotInfoTheValidatorAcceptsRoundTripsThroughTheStoreFormat() {
        Random random = new Random(20261206L);
        LotInfoValidator validator = new LotInfoValidator(Duration.ofMinutes(5));
        int accepted = 0;
        for (int i = 0; i < 2_000; i++) {
            String lotId = text(random, 1 + random.nextInt(Identifiers.MAX_BYTES));
            LotInfo info = LotInfo.newBuilder()
                    .setLotId(lotId)
                    .setSiteId(text(random, 1 + random.nextInt(Identifiers.MAX_BYTES)))
                    .setAshOrigin(AshOrigin.values()[random.nextInt(AshOrigin.values().length)])
                    .setCoalRank(CoalRank.values()[random.nextInt(CoalRank.values().length)])
                    .setBasin(random.nextBoolean() ? null : text(random, random.nextInt(Identifiers.MAX_BYTES + 1)))
                    .setBoilerType(random.nextBoolean() ? null : text(random, random.nextInt(Identifiers.MAX_BYTES + 1)))
                    .setUpdatedAt(Instant.ofEpochMilli(LotInfoValidator.EARLIEST_UPDATED_AT.toEpochMilli()
                            + (long) (random.nextDouble() * (NOW - LotInfoValidator.EARLIEST_UPDATED_AT.toEpochMilli()))))
                    .build();
            if (validator.problem(lotId.getBytes(StandardCharsets.UTF_8), info, NOW, NOW).isPresent()) {
                continue;
            }
            accepted++;
            assertEquals(info, LotInfoStateSerde.SERDE.fromBytes(LotInfoStateSerde.SERDE.toBytes(info)));
        }
        assertTrue(accepted > 1_000, "most random records are valid: " + accepted);
    }

    /** Up to {@code maxBytes} UTF-8 bytes of letters from several scripts (1 to 4 bytes each), never a control. */
    private static String text(Random random, int maxBytes) {
        int[] pool = {'a', 'Z', '7', '-', 0xE9, 0x3B1, 0x4E2D, 0x1F600};
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        while (true) {
            int cp = pool[random.nextInt(pool.length)];
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                return out.length() == 0 ? "x" : out.toString();
            }
            out.appendCodePoint(cp);
            bytes += size;
        }
    }
}
