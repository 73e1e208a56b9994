package io.reescreen.screener.board;

import static io.reescreen.screener.board.BoardScenario.HOSTILE_LOT_ID;
import static io.reescreen.screener.board.HeadlessFirefox.js;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.XrfSimulator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The yard board in Firefox ESR, as {@link BoardBrowserTest} has it in Chromium, lighter: against a screener on the
 * embedded broker and registry while the XRF simulator shoots lots (one under the lot id
 * {@code <script>window.__pwned=1</script>}), the page goes live, shows an alert without a reload, takes an
 * acknowledgement through its own dialog, keeps the hostile id as text, charts a lot's 17 outputs, fits a tablet
 * without sideways scrolling, and logs no JavaScript error. Firefox is driven over WebDriver BiDi
 * ({@link HeadlessFirefox}); the test skips, saying why, where no Firefox can be found. Its screenshots go to
 * target/board-screenshots/firefox-*.png.
 */
@ExtendWith(EmbeddedStackExtension.class)
class BoardFirefoxTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration ALERT_WAIT = Duration.ofSeconds(120);
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target/board-screenshots");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};
    /** The alert cards of the page, as an array. */
    private static final String CARDS = "[...document.querySelectorAll('#alerts li.alert')]";

    @Test
    void anOperatorInFirefoxSeesAnAlertArriveLiveAcknowledgesItAndOpensTheLotWhileAHostileLotIdStaysText(
            EmbeddedStack stack, @TempDir Path state) throws Exception {
        long started = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (HeadlessFirefox firefox = HeadlessFirefox.start(); // skips here, before the screener starts
             ScreenerService screener = ScreenerService.start(BoardScenario.config(stack, run, state))) {
            screener.awaitRunning(STARTUP);
            String board = screener.uri().resolve("/").toString();
            firefox.navigate(board);
            assertEquals(List.of(BrowserSupport.WIDTH_PX, BrowserSupport.HEIGHT_PX),
                    List.of(firefox.evaluate("window.innerWidth").intValue(),
                            firefox.evaluate("window.innerHeight").intValue()), "the page is 1280x800");
            firefox.waitUntil("the live stream is open",
                    "document.getElementById('live').textContent === 'live'", PAGE_WAIT);
            // The board has read the yard's backlog (other tests' alerts); from now on alerts come one by one, live.
            BoardScenario.awaitCaughtUp(screener, STARTUP);
            // Set on this page only: still there later means no reload happened meanwhile.
            firefox.evaluate("window.__samePage = true");

            List<SimulatedLot> lots = BoardScenario.lots(run);
            List<String> lotIds = lots.stream().map(SimulatedLot::lotId).filter(id -> !id.equals(HOSTILE_LOT_ID))
                    .toList();
            try (XrfSimulator analyzers = new XrfSimulator(stack.bootstrapServers(), stack.serdes(),
                    BoardScenario.plan(run, lots))) {
                analyzers.start();

                // 1. an alert for one of this run's lots appears, pushed: the page was never reloaded
                JsonNode card = firefox.waitUntil("an alert card for one of " + lotIds, "(() => { const c = " + CARDS
                        + ".find(c => " + js(lotIds) + ".includes(c.dataset.lotId)); return c && {lotId: "
                        + "c.dataset.lotId, alertId: c.dataset.alertId, text: c.textContent}; })()", ALERT_WAIT);
                assertEquals(Boolean.TRUE, firefox.evaluate("window.__samePage === true").asBoolean(),
                        "the alert arrived without a reload");
                String lotId = card.path("lotId").asText();
                String theCard = CARDS + ".find(c => c.dataset.alertId === " + js(card.path("alertId").asText())
                        + ")";
                assertTrue(card.path("text").asText().contains("ppm mol"), card.path("text").asText());

                // 2. acknowledged through the page's own dialog and buttons; the card then says who
                firefox.evaluate("(() => { " + theCard + ".querySelector('.ack-button').click();"
                        + " document.getElementById('ack-operator').value = 'Jo Ramos';"
                        + " document.getElementById('ack-note').value = 'diverted to stockpile 3';"
                        + " document.getElementById('ack-token').value = " + js(BoardScenario.OPERATOR_TOKEN) + ";"
                        + " document.getElementById('ack-submit').click(); })()");
                String ackLine = firefox.waitUntil("the card says it was acknowledged", "(() => { const line = "
                        + theCard + ".querySelector('.ack-line'); return line && line.textContent; })()",
                        BoardScenario.ACK_WAIT)
                        .asText();
                assertTrue(ackLine.startsWith("acknowledged by Jo Ramos") && ackLine.contains("stockpile 3"), ackLine);

                // 3. the hostile lot id is shown as text, on the board and on its own page, and ran nothing
                firefox.waitUntil("the hostile lot id shows as text",
                        "document.body.innerText.includes(" + js(HOSTILE_LOT_ID) + ")", ALERT_WAIT);
                assertEquals("undefined", firefox.evaluate("typeof window.__pwned").asText());
                assertEquals(1, firefox.evaluate("document.querySelectorAll('script').length").intValue(),
                        "only board.js is a script on the page");
                screenshot(firefox, "firefox-board.png");
                firefox.navigate(BoardScenario.lotPage(board, HOSTILE_LOT_ID));
                firefox.waitUntil("the hostile lot's page", "document.getElementById('lot-title').textContent === "
                        + js(HOSTILE_LOT_ID) + " && document.querySelector('#lot-outputs svg') !== null", PAGE_WAIT);
                assertEquals("undefined", firefox.evaluate("typeof window.__pwned").asText(), "its own page too");

                // 4. the lot's page charts 17 outputs, each with its 90 % interval, and the attributions as bars
                firefox.navigate(BoardScenario.lotPage(board, lotId));
                firefox.waitUntil("17 outputs charted for " + lotId, "document.getElementById('lot-title')"
                        + ".textContent === " + js(lotId)
                        + " && document.querySelectorAll('#lot-outputs svg g.output').length === 17", PAGE_WAIT);
                assertEquals(17, firefox.evaluate(
                        "document.querySelectorAll('#lot-outputs svg g.output line.whisker').length").intValue(),
                        "every output has its 90 % interval");
                assertTrue(firefox.evaluate(
                        "document.querySelectorAll('#lot-attributions li.attribution .bar').length").intValue() > 0,
                        "attributions render as bars");
                screenshot(firefox, "firefox-lot.png");

                // 5. on a tablet held upright: no sideways scrolling, lots below the alerts
                firefox.navigate(board);
                firefox.viewport(BrowserSupport.TABLET_WIDTH_PX, BrowserSupport.TABLET_HEIGHT_PX);
                firefox.waitUntil("alerts on the tablet", CARDS + ".length > 0", PAGE_WAIT);
                assertEquals(BrowserSupport.TABLET_WIDTH_PX, firefox.evaluate("window.innerWidth").intValue());
                assertEquals(Boolean.TRUE, firefox.evaluate("document.documentElement.scrollWidth"
                        + " <= window.innerWidth").asBoolean(), "no sideways scrolling at tablet width");
                assertEquals(Boolean.TRUE, firefox.evaluate("document.getElementById('lots-title')"
                        + ".getBoundingClientRect().top > document.getElementById('alerts-title')"
                        + ".getBoundingClientRect().top").asBoolean(), "lots below the alerts");

                assertEquals(List.of(), firefox.errors(), "no JavaScript errors in Firefox");
                analyzers.stop();
            }
        } finally {
            System.out.printf("BoardFirefoxTest: %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static void screenshot(HeadlessFirefox firefox, String name) throws Exception {
        Path png = SCREENSHOTS.resolve(name);
        firefox.screenshot(png);
        try (InputStream in = Files.newInputStream(png)) {
            assertArrayEquals(PNG_SIGNATURE, in.readNBytes(PNG_SIGNATURE.length), name + " is a PNG");
        }
    }
}
