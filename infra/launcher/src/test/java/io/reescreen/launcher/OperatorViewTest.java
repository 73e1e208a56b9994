package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.DlqHeaders;
import io.reescreen.schemas.HeaderText;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class OperatorViewTest {

    @Test
    void aDeadLetterWithANearLimitKeyIsShownOnOneShortLineWithItsSize() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String key = "L".repeat(999_990) + "-tail";
        RecordHeaders headers = new RecordHeaders();
        headers.add(DlqHeaders.REASON, HeaderText.utf8("ID_TOO_LONG"));
        headers.add(DlqHeaders.DETAIL, HeaderText.utf8("lotId is 999995 bytes, at most 256"));
        // Never polled: the view only formats the record it is given.
        OperatorView view = new OperatorView("127.0.0.1:1", new RegistrySerdes("http://127.0.0.1:1", false),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        view.show(new ConsumerRecord<>(Topics.XRF_READINGS_DLQ.name(), 0, 7L, -1L, TimestampType.CREATE_TIME,
                key.length(), 3, key, new byte[] {1, 2, 3}, headers, Optional.empty()));

        String line = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(line.length() < 250, line.length() + " characters: " + line.substring(0, Math.min(300, line.length())));
        assertTrue(line.contains("DLQ    lot " + "L".repeat(ShownId.MAX_CHARS) + "… (999,995 bytes): ID_TOO_LONG"), line);
        assertTrue(line.contains("(lotId is 999995 bytes, at most 256)"), line);
    }

    @Test
    void shortIdsAreShownAsTheyAreAndControlCharactersEscaped() {
        assertEquals("LOT-2026-0001", ShownId.of("LOT-2026-0001"));
        assertEquals("L\\u001b[2J", ShownId.of("L\u001b[2J"), "an escape sequence must not clear the operator's screen");
        assertEquals("(no key)", ShownId.of(null));
        String astral = "x".repeat(ShownId.MAX_CHARS - 1) + "\uD83D\uDE00" + "y";
        assertEquals("x".repeat(ShownId.MAX_CHARS - 1) + "… (68 bytes)", ShownId.of(astral),
                "never half a surrogate pair; the size in UTF-8 bytes");
    }
}
