package io.reescreen.bench.board;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.screener.app.ScreenerService;
import io.reescreen.screener.board.BoardRuntime;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The yard board in headless Chromium against a screener on the embedded broker and registry: (a) the time from an
 * alert's transaction committing on {@code ree.alerts} to its card appearing on the open page (pushed, no reload), and
 * (b) with thousands of lots in the window, the time the page takes to render the lots table and to re-sort, filter
 * and refresh it ({@link LotsTableTimings}).
 * Nothing here asserts a budget: it reports.
 */
public final class BoardBenchmark {

    /**
     * @param alerts       alerts committed one by one while the page is open
     * @param spacing      time between two alerts' commits
     * @param lots         lots on the board for the table's timings
     * @param repetitions  page loads measured, and times each action on the lots table is timed
     * @param command      the command as typed, quoted in the report
     */
    public record Settings(int alerts, Duration spacing, int lots, int repetitions, String command) {
        public Settings {
            if (alerts < 1) {
                throw new IllegalArgumentException("--alerts must be >= 1, got " + alerts);
            }
            if (lots < 1) {
                throw new IllegalArgumentException("--lots must be >= 1, got " + lots);
            }
            if (repetitions < 1) {
                throw new IllegalArgumentException("--repetitions must be >= 1, got " + repetitions);
            }
            if (spacing.isNegative()) {
                throw new IllegalArgumentException("--spacing-ms must be >= 0");
            }
        }
    }

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);
    /**
     * Stamps each alert card when it enters the page (DOM insertion) and at the next animation frame (when it is
     * painted); the page's clock, performance.timeOrigin + now(), is the machine's wall clock as the producer's is.
     */
    private static final String ALERT_STAMPS = """
            window.__inserted = {}; window.__framed = {};
            const stamp = (node) => {
              if (node.nodeType !== 1) return;
              const cards = node.matches('[data-alert-id]') ? [node] : [...node.querySelectorAll('[data-alert-id]')];
              for (const card of cards) {
                const id = card.getAttribute('data-alert-id');
                if (id in window.__inserted) continue;
                window.__inserted[id] = performance.timeOrigin + performance.now();
                requestAnimationFrame(() => { window.__framed[id] = performance.timeOrigin + performance.now(); });
              }
            };
            new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach(stamp)))
              .observe(document.getElementById('alerts'), {childList: true, subtree: true});
            """;

    private final Settings settings;
    private final PrintStream progress;

    public BoardBenchmark(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs both parts and answers the Markdown report. */
    public String run() throws Exception {
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path state = Files.createTempDirectory("reescreen-bench-board-");
        ChromeDriver chrome = HeadlessChromium.start();
        try (EmbeddedStack stack = EmbeddedStack.start();
             ScreenerService screener = ScreenerService.start(screenerConfig(stack, run, state))) {
            progress.println("board: stack ready in " + stack.startupTime().toSeconds() + " s; screener starting");
            screener.awaitRunning(STARTUP);
            String board = screener.uri().resolve("/").toString();

            // Alerts go out one by one once the board has read the yard (before that, as one refresh).
            BoardRuntime boardRuntime = screener.context().getBean(BoardRuntime.class);
            new WebDriverWait(chrome, STARTUP).until(d -> boardRuntime.feed().caughtUp());
            AlertTimes alerts = alertTimes(stack, chrome, board, run);
            progress.println("board: alerts shown/committed, median, p90, p99, max (ms) " + alerts.painted().row());
            String loadBetween = loadAverage();

            progress.println("board: publishing " + settings.lots() + " lots");
            YardLots.publish(stack.bootstrapServers(), stack.serdes(), run, settings.lots());
            int served = awaitLots(screener.uri(), settings.lots());
            LotsTableTimings table = LotsTableTimings.measure(chrome, board, settings.lots(), settings.repetitions());
            String loadAfter = loadAverage();
            return report(alerts, served, table, chrome.getCapabilities().getBrowserVersion(),
                    List.of(loadBefore, loadBetween, loadAfter), (System.nanoTime() - started) / 1e9);
        } finally {
            chrome.quit();
        }
    }

    private record AlertTimes(DisplayLatencies inserted, DisplayLatencies painted) {
    }

    /** Opens the board, stamps cards as they come, commits the alerts one by one, waits for every card (or 30 s). */
    private AlertTimes alertTimes(EmbeddedStack stack, ChromeDriver chrome, String board, String run) throws Exception {
        chrome.get(board);
        new WebDriverWait(chrome, PAGE_WAIT).until(ExpectedConditions.textToBe(By.id("live"), "live"));
        chrome.executeScript(ALERT_STAMPS);
        Map<String, Double> committed;
        try (CommittedAlerts alerts = new CommittedAlerts(stack.bootstrapServers(), stack.serdes(), run)) {
            for (int n = 0; n < settings.alerts(); n++) {
                alerts.commit(n);
                Thread.sleep(settings.spacing().toMillis());
            }
            committed = alerts.committedAtMs();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!stamps(chrome, "__framed").keySet().containsAll(committed.keySet())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return new AlertTimes(DisplayLatencies.pair(committed, stamps(chrome, "__inserted")),
                DisplayLatencies.pair(committed, stamps(chrome, "__framed")));
    }

    private static Map<String, Double> stamps(ChromeDriver chrome, String name) {
        Map<?, ?> raw = (Map<?, ?>) chrome.executeScript("return window." + name + ";");
        Map<String, Double> out = new HashMap<>();
        raw.forEach((k, v) -> out.put((String) k, ((Number) v).doubleValue()));
        return out;
    }

    /**
     * Waits until the board's backend serves at least the lots published and the count has stopped growing for 2 s
     * (its own read of the topics has caught up), so every page load measured gets the same table.
     */
    private int awaitLots(URI screener, int lots) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(screener.resolve("/board/lots?hours=12")).build();
        long deadline = System.nanoTime() + PAGE_WAIT.toNanos();
        int served = 0;
        int steady = 0;
        while (System.nanoTime() < deadline) {
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            int now = body.split("\"lotId\"", -1).length - 1;
            steady = now == served ? steady + 1 : 0;
            served = now;
            if (served >= lots && steady >= 4) {
                return served;
            }
            Thread.sleep(500);
        }
        throw new TimeoutException("the board served " + served + " of " + lots + " lots after " + PAGE_WAIT);
    }

    private static Map<String, Object> screenerConfig(EmbeddedStack stack, String run, Path state) {
        Map<String, Object> c = new HashMap<>();
        c.put("kafka.bootstrap.servers", stack.bootstrapServers());
        c.put("reescreen.registry.url", stack.registryUrl());
        c.put("kafka.streams.screener.application.id", "bench-board-" + run);
        c.put("kafka.streams.screener.state.dir", state.toString());
        c.put("micronaut.server.port", -1);
        c.put("reescreen.screener.model-name", "bench-board-" + run);
        // A small synthetic bootstrap model: the benchmark screens nothing, the board only reads the topics.
        c.put("reescreen.screener.bootstrap.synthetic-rows", 120);
        c.put("reescreen.screener.bootstrap.members", 3);
        c.put("reescreen.screener.bootstrap.epochs", 8);
        return c;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private String report(AlertTimes alerts, int served, LotsTableTimings table, String chromium, List<String> loads,
                          double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Yard board benchmark\n\n");
        md.append(String.format(Locale.ROOT, "`%s`, %s UTC, %.0f s; headless Chromium %s; %d cores; load average "
                        + "(1 / 5 / 15 min) at the start %s, after the alerts %s, at the end %s. One JVM runs the "
                        + "broker, the screener and this harness; the registry is a child JVM; the browser shares the "
                        + "cores. Figures from a shared build machine: compare ratios, not seconds.%n%n",
                settings.command(), Instant.now().toString().substring(0, 16).replace('T', ' '), seconds, chromium,
                Runtime.getRuntime().availableProcessors(), loads.get(0), loads.get(1), loads.get(2)));
        md.append("## (a) Alert committed on ree.alerts → shown on the open board\n\n");
        md.append(String.format(Locale.ROOT, "%d alerts, one Kafka transaction each, %d ms apart, written straight onto "
                + "`ree.alerts` while the board is open (no reload). Committed: when `commitTransaction` returned "
                + "(producer, wall clock). Shown: a MutationObserver on the alerts list stamps each card "
                + "(`performance.timeOrigin + performance.now()`, the same machine clock) when it enters the page, and "
                + "again at the next animation frame, when it is painted. Target: p99 under 1 s.%n%n",
                settings.alerts(), settings.spacing().toMillis()));
        md.append("| latency (ms) | shown / committed | median | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
        md.append("| to the next frame (painted) ").append(alerts.painted().row()).append('\n');
        md.append("| to the card in the page ").append(alerts.inserted().row()).append("\n\n");
        if (!alerts.painted().notShown().isEmpty()) {
            md.append("Not shown within 30 s of the last commit: ").append(alerts.painted().notShown().size())
                    .append(" alert(s).\n\n");
        }
        md.append(table.markdown(settings.lots(), served, settings.repetitions()));
        return md.toString();
    }
}
