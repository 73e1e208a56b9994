package io.reescreen.bench.board;

import io.reescreen.bench.Timings;
import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.screener.app.ScreenerService;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * (b) with thousands of lots in the window, the time the page takes to render the lots table and to re-sort it.
 * Nothing here asserts a budget: it reports.
 */
public final class BoardBenchmark {

    /**
     * @param alerts       alerts committed one by one while the page is open
     * @param spacing      time between two alerts' commits
     * @param lots         lots on the board for the table's timings
     * @param repetitions  page loads measured, and sort clicks per column
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
    /** The columns sorted by click: a number, a text, a probability. */
    private static final List<String> SORT_KEYS = List.of("totalReeMeanPpmMol", "lotId", "probHigh");

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

    /** Installed before any page script runs: when the lots table first holds the wanted rows (ms from navigation). */
    private static final String TABLE_STAMP = """
            (() => {
              const want = %d;
              const watch = new MutationObserver(() => {
                const body = document.getElementById('lots-body');
                if (body && body.rows.length >= want && window.__tableAt === undefined) {
                  window.__tableAt = performance.now();
                  watch.disconnect();
                }
              });
              watch.observe(document, {childList: true, subtree: true});
            })();
            """;

    /** Clicks a column's sort button: [ms to the table sorted and laid out, ms to the next frame]. */
    private static final String SORT_CLICK = """
            const done = arguments[arguments.length - 1];
            const button = document.querySelector('#lots-head th[data-key="' + arguments[0] + '"] button');
            const t0 = performance.now();
            button.click();
            void document.body.offsetHeight;
            const laidOut = performance.now() - t0;
            requestAnimationFrame(() => setTimeout(() => done([laidOut, performance.now() - t0]), 0));
            """;

    /**
     * A diagnostic beside the table's timings: [ms for N times what board.js's time() does per row (toLocaleTimeString
     * with options, which builds a formatter per call), ms for N times one reused Intl.DateTimeFormat].
     */
    private static final String TIME_FORMATTING = """
            const n = arguments[0];
            const options = {hour: '2-digit', minute: '2-digit', second: '2-digit'};
            const now = Date.now();
            let t0 = performance.now();
            for (let i = 0; i < n; i++) new Date(now - i).toLocaleTimeString([], options);
            const perCall = performance.now() - t0;
            const formatter = new Intl.DateTimeFormat([], options);
            t0 = performance.now();
            for (let i = 0; i < n; i++) formatter.format(new Date(now - i));
            return [perCall, performance.now() - t0];
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

            AlertTimes alerts = alertTimes(stack, chrome, board, run);
            progress.println("board: alerts shown/committed, median, p90, p99, max (ms) " + alerts.painted().row());
            String loadBetween = loadAverage();

            progress.println("board: publishing " + settings.lots() + " lots");
            YardLots.publish(stack.bootstrapServers(), stack.serdes(), run, settings.lots());
            int served = awaitLots(screener.uri(), settings.lots());
            TableTimings table = tableTimings(chrome, board);
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

    /**
     * @param loadMs         navigation start to the table holding the lots, per page load
     * @param lotsFetchMs    navigation start to the end of the /board/lots response, per page load
     * @param sortLaidOutMs  per column, a sort click to the table sorted and laid out, per click
     * @param sortFrameMs    a sort click to the next frame, per click, all columns
     * @param rows           rows in the table after the last load
     * @param timesPerCallMs formatting {@code rows} times as board.js does, toLocaleTimeString with options per call
     * @param timesReusedMs  formatting {@code rows} times with one Intl.DateTimeFormat
     */
    private record TableTimings(Timings loadMs, Timings lotsFetchMs, Map<String, Timings> sortLaidOutMs,
                                Timings sortFrameMs, long rows, Timings timesPerCallMs, Timings timesReusedMs) {
    }

    private TableTimings tableTimings(ChromeDriver chrome, String board) {
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", String.format(Locale.ROOT, TABLE_STAMP, settings.lots())));
        double[] load = new double[settings.repetitions()];
        double[] fetch = new double[settings.repetitions()];
        for (int i = 0; i < settings.repetitions(); i++) {
            chrome.get(board + "?load=" + i);
            new WebDriverWait(chrome, PAGE_WAIT).until(d -> chrome.executeScript("return window.__tableAt;") != null);
            load[i] = ((Number) chrome.executeScript("return window.__tableAt;")).doubleValue();
            fetch[i] = ((Number) chrome.executeScript("return performance.getEntriesByType('resource')"
                    + ".filter((e) => e.name.includes('/board/lots'))[0].responseEnd;")).doubleValue();
        }
        long rows = (Long) chrome.executeScript("return document.getElementById('lots-body').rows.length;");
        Map<String, List<Double>> laidOut = new LinkedHashMap<>();
        List<Double> frame = new ArrayList<>();
        for (int i = 0; i < settings.repetitions(); i++) {
            for (String key : SORT_KEYS) {
                List<?> ms = (List<?>) chrome.executeAsyncScript(SORT_CLICK, key);
                laidOut.computeIfAbsent(key, k -> new ArrayList<>()).add(((Number) ms.get(0)).doubleValue());
                frame.add(((Number) ms.get(1)).doubleValue());
            }
        }
        Map<String, Timings> sorted = new LinkedHashMap<>();
        laidOut.forEach((key, ms) -> sorted.put(key, timings(ms)));
        List<Double> perCall = new ArrayList<>();
        List<Double> reused = new ArrayList<>();
        for (int i = 0; i < settings.repetitions(); i++) {
            List<?> ms = (List<?>) chrome.executeScript(TIME_FORMATTING, rows);
            perCall.add(((Number) ms.get(0)).doubleValue());
            reused.add(((Number) ms.get(1)).doubleValue());
        }
        return new TableTimings(Timings.of(load), Timings.of(fetch), sorted, timings(frame), rows, timings(perCall),
                timings(reused));
    }

    private static Timings timings(List<Double> values) {
        return Timings.of(values.stream().mapToDouble(Double::doubleValue).toArray());
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

    private String report(AlertTimes alerts, int served, TableTimings table, String chromium, List<String> loads,
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
        md.append("## (b) The lots table with ").append(settings.lots()).append(" lots\n\n");
        md.append(String.format(Locale.ROOT, "%d lots (a composition and a prediction each, three sites) on the board "
                + "(its backend served %d: (a)'s alerts put their lots on the board too); the table showed %d rows. Page loads: %d; a sort click on each of %s, "
                + "%d times each. Milliseconds measured in the browser (`performance.now()`).%n%n",
                settings.lots(), served, table.rows(), settings.repetitions(), SORT_KEYS, settings.repetitions()));
        md.append("| in the browser (ms) | median | min | p90 | max | n |\n|---|---|---|---|---|---|\n");
        md.append(row("navigation start → `/board/lots` response received", table.lotsFetchMs()));
        md.append(row("navigation start → the table holds every lot", table.loadMs()));
        table.sortLaidOutMs().forEach((key, ms) -> md.append(row("sort click on `" + key
                + "` → table sorted and laid out", ms)));
        md.append(row("sort click, any of them → next frame", table.sortFrameMs()));
        md.append(String.format(Locale.ROOT, "%nA diagnostic, not the page's own code path: formatting %d times of day "
                + "in the same page as board.js's `time()` does for every row's \"updated\" cell "
                + "(`toLocaleTimeString` with options, a formatter built per call) and with one reused "
                + "`Intl.DateTimeFormat`.%n%n", table.rows()));
        md.append("| in the browser (ms) | median | min | p90 | max | n |\n|---|---|---|---|---|---|\n");
        md.append(row(table.rows() + " × `toLocaleTimeString([], options)`", table.timesPerCallMs()));
        md.append(row(table.rows() + " × one `Intl.DateTimeFormat`", table.timesReusedMs()));
        return md.toString();
    }

    private static String row(String what, Timings ms) {
        // Timings holds seconds; these are milliseconds, so its figures are read as they are.
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %d |%n", what, ms.medianSeconds(),
                ms.minSeconds(), ms.quantileSeconds(0.9), ms.maxSeconds(), ms.count());
    }
}
