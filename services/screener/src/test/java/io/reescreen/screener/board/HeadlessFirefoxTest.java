package io.reescreen.screener.board;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Firefox driver the board's Firefox test relies on, without a screener: the page's values come back as JSON,
 * its errors are reported (so "no JavaScript errors" in {@link BoardFirefoxTest} can fail), and closing leaves no
 * process and no profile behind. Skips, saying why, where no Firefox can be found.
 */
class HeadlessFirefoxTest {

    @Test
    void aPagesValuesComeBackAsJsonItsErrorsAreReportedAndClosingLeavesNothingBehind() throws Exception {
        long pid;
        Path profile;
        try (HeadlessFirefox firefox = HeadlessFirefox.start()) {
            pid = firefox.pid();
            profile = firefox.profile();
            firefox.navigate("about:blank");
            JsonNode value = firefox.evaluate("Promise.resolve({width: window.innerWidth, text: '<b>' + 1})");
            assertEquals(BrowserSupport.WIDTH_PX, value.path("width").intValue());
            assertEquals("<b>1", value.path("text").asText());
            assertTrue(firefox.evaluate("undefined").isNull());

            assertEquals(List.of(), firefox.errors());
            firefox.evaluate("(() => { console.error('a console error');"
                    + " setTimeout(() => { throw new Error('an uncaught error'); }); })()");
            await().atMost(Duration.ofSeconds(10)).until(() -> firefox.errors().size() == 2);
            assertTrue(firefox.errors().get(0).contains("a console error"), firefox.errors().toString());
            assertTrue(firefox.errors().get(1).contains("an uncaught error"), firefox.errors().toString());
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "Firefox has exited");
        assertFalse(Files.exists(profile), "its profile is deleted");
    }
}
