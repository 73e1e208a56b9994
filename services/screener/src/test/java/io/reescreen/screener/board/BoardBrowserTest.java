package io.reescreen.screener.board;

import static io.reescreen.screener.board.BoardScenario.HOSTILE_LOT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.EmbeddedStackExtension;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.simulator.SimulatedLot;
import io.reescreen.simulator.XrfSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The yard board in a real browser (headless Chromium), against a screener on the embedded broker and registry
 * while the XRF simulator shoots lots, one of them with the lot id {@code <script>window.__pwned=1</script>}.
 * An operator's shift in one scenario: an alert appears without a reload, is acknowledged with the operator token,
 * the lot's page shows its chart and attributions, the hostile id stays text, and a tablet gets one column. It takes the README's screenshots
 * ({@code -Dreescreen.board.screenshot-dir=../../docs} writes them into docs/; by default into target/).
 * Skips, saying why, where no Chromium and chromedriver can be found ({@link BrowserSupport}).
 */
@ExtendWith(EmbeddedStackExtension.class)
class BoardBrowserTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration ALERT_WAIT = Duration.ofSeconds(120);
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);

    @Test
    void anOperatorSeesAnAlertArriveLiveAcknowledgesItAndOpensTheLotWhileAHostileLotIdStaysText(
            EmbeddedStack stack, @TempDir Path state) throws Exception {
        long started = System.nanoTime();
        ChromeDriver chrome = BrowserSupport.headlessChromium(); // skips here, before the screener starts
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ScreenerService screener = ScreenerService.start(BoardScenario.config(stack, run, state))) {
            screener.awaitRunning(STARTUP);
            String board = screener.uri().resolve("/").toString();
            chrome.get(board);
            assertEquals(List.of((long) BrowserSupport.WIDTH_PX, (long) BrowserSupport.HEIGHT_PX),
                    chrome.executeScript("return [window.innerWidth, window.innerHeight];"), "the page is 1280x800");
            WebDriverWait page = new WebDriverWait(chrome, PAGE_WAIT);
            page.until(ExpectedConditions.textToBe(By.id("live"), "live"));
            // The board has read the yard's backlog (other tests' alerts); from now on alerts come one by one, live.
            BoardScenario.awaitCaughtUp(screener, STARTUP);
            // Set on this page only: still there later means no reload happened meanwhile.
            chrome.executeScript("window.__samePage = true;");

            List<SimulatedLot> lots = BoardScenario.lots(run);
            SimulatedLot watched = lots.get(0);
            try (XrfSimulator analyzers = new XrfSimulator(stack.bootstrapServers(), stack.serdes(),
                    BoardScenario.plan(run, lots))) {
                analyzers.start();

                // 1. an alert for one of this run's lots appears, pushed: the page was never reloaded
                WebElement card = new WebDriverWait(chrome, ALERT_WAIT).until(d -> alertCard(chrome, lots));
                assertEquals(Boolean.TRUE, chrome.executeScript("return window.__samePage === true;"),
                        "the alert arrived without a reload");
                String lotId = card.getAttribute("data-lot-id");
                String alertId = card.getAttribute("data-alert-id");
                assertTrue(card.getText().contains("ppm mol"), card.getText());

                // 2. a wrong token is refused with a reason; with the operator token the card (drawn anew) says who
                String cardSelector = "li.alert[data-alert-id='" + alertId + "']";
                chrome.findElement(By.cssSelector(cardSelector + " .ack-button")).click();
                chrome.findElement(By.id("ack-operator")).sendKeys("Jo Ramos");
                chrome.findElement(By.id("ack-note")).sendKeys("diverted to stockpile 3");
                chrome.findElement(By.id("ack-token")).sendKeys("not-the-token");
                chrome.findElement(By.id("ack-submit")).click();
                WebElement refused = page.until(ExpectedConditions.visibilityOfElementLocated(By.id("ack-error")));
                assertTrue(refused.getText().contains("Wrong or missing operator token"), refused.getText());
                chrome.findElement(By.id("ack-token")).clear();
                chrome.findElement(By.id("ack-token")).sendKeys(BoardScenario.OPERATOR_TOKEN);
                chrome.findElement(By.id("ack-submit")).click();
                WebElement ackLine = awaitAckLine(chrome, cardSelector, screener, alertId);
                assertTrue(ackLine.getText().contains("Jo Ramos") && ackLine.getText().contains("stockpile 3"),
                        ackLine.getText());

                // 3. the hostile lot id is shown as text and ran nothing
                page.until(d -> bodyText(chrome).contains(HOSTILE_LOT_ID));
                assertEquals("undefined", chrome.executeScript("return typeof window.__pwned;"));
                assertEquals(1L, chrome.executeScript("return document.querySelectorAll('script').length;"),
                        "only board.js is a script on the page");
                BrowserSupport.screenshot(chrome, screenshotDir().resolve("board.png"));
                chrome.get(BoardScenario.lotPage(board, HOSTILE_LOT_ID));
                page.until(d -> HOSTILE_LOT_ID.equals(d.findElement(By.id("lot-title")).getText()));
                page.until(d -> !d.findElements(By.cssSelector("#lot-outputs svg")).isEmpty());
                assertEquals("undefined", chrome.executeScript("return typeof window.__pwned;"), "its own page too");

                // 4. the lot's page: 17 outputs charted with intervals, the attributions as bars
                chrome.get(BoardScenario.lotPage(board, lotId));
                page.until(d -> lotId.equals(d.findElement(By.id("lot-title")).getText()));
                page.until(d -> d.findElements(By.cssSelector("#lot-outputs svg g.output")).size() == 17);
                assertEquals(17, chrome.findElements(By.cssSelector("#lot-outputs svg g.output line.whisker")).size(),
                        "every output has its 90 % interval");
                assertTrue(chrome.findElements(By.cssSelector("#lot-attributions li.attribution .bar")).size() > 0,
                        "attributions render as bars");
                BrowserSupport.screenshot(chrome, screenshotDir().resolve("lot.png"));

                // 5. the sound switch, turned off, stays off on the next visit
                chrome.get(board);
                page.until(ExpectedConditions.elementToBeClickable(By.id("sound"))).click();
                chrome.navigate().refresh();
                assertEquals(Boolean.FALSE, page.until(d -> d.findElement(By.id("sound"))).isSelected(),
                        "the operator's choice is remembered");

                // 6. on a tablet held upright the board is one column, alerts first, and never wider than the screen
                chrome.get(board);
                BrowserSupport.viewport(chrome, BrowserSupport.TABLET_WIDTH_PX, BrowserSupport.TABLET_HEIGHT_PX);
                page.until(d -> !d.findElements(By.cssSelector("#alerts li.alert")).isEmpty());
                assertEquals(Boolean.TRUE, chrome.executeScript("return document.documentElement.scrollWidth"
                        + " <= window.innerWidth;"), "no sideways scrolling at tablet width");
                assertTrue(chrome.findElement(By.id("lots-title")).getLocation().getY()
                        > chrome.findElement(By.id("alerts-title")).getLocation().getY(), "lots below the alerts");

                // 7. a board left for another page holds no stream open, even kept for Back (a browser opens only 6
                //    connections to a screener), and is live again on Back
                AlertBroadcast broadcast = screener.context().getBean(BoardRuntime.class).broadcast();
                page.until(d -> broadcast.clients() == 1);
                chrome.get(screener.uri().resolve("/board/health").toString());
                page.until(d -> broadcast.clients() == 0);
                chrome.navigate().back();
                page.until(ExpectedConditions.textToBe(By.id("live"), "live"));
                page.until(d -> broadcast.clients() == 1);
                analyzers.stop();
            }
        } finally {
            chrome.quit();
            System.out.printf("BoardBrowserTest: %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /** The card's acknowledgement line; when it does not come, fails saying what the page and the screener show. */
    private static WebElement awaitAckLine(ChromeDriver chrome, String cardSelector,
                                           ScreenerService screener, String alertId) {
        try {
            return new WebDriverWait(chrome, BoardScenario.ACK_WAIT).until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cardSelector + " .ack-line")));
        } catch (TimeoutException e) {
            Object shown = chrome.executeScript("const d = document.getElementById('ack-dialog');"
                    + " const err = document.getElementById('ack-error');"
                    + " return 'dialog open: ' + d.open + ', error: ' + (err.hidden ? '(none)' : err.textContent)"
                    + " + ', submit disabled: ' + document.getElementById('ack-submit').disabled;");
            throw new AssertionError("no acknowledgement line on alert " + alertId + "; the page shows " + shown
                    + "; the screener's /board/health: " + fetch(screener.uri().resolve("/board/health"))
                    + "; its /board/alerts has it: " + fetch(screener.uri().resolve("/board/alerts?limit=5000"))
                    .contains(alertId), e);
        }
    }

    private static String fetch(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | RuntimeException e) {
            return "(" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** The first alert card for one of this run's lots other than the hostile one, or null. */
    private static WebElement alertCard(ChromeDriver chrome, List<SimulatedLot> lots) {
        for (WebElement card : chrome.findElements(By.cssSelector("#alerts li.alert"))) {
            String lotId = card.getAttribute("data-lot-id");
            if (!HOSTILE_LOT_ID.equals(lotId) && lots.stream().anyMatch(l -> l.lotId().equals(lotId))) {
                return card;
            }
        }
        return null;
    }

    private static String bodyText(ChromeDriver chrome) {
        return chrome.findElement(By.tagName("body")).getText();
    }

    private static Path screenshotDir() {
        return Path.of(System.getProperty("reescreen.board.screenshot-dir", "target/board-screenshots"));
    }
}
