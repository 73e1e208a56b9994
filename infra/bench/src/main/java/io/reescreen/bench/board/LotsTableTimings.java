package io.reescreen.bench.board;

import io.reescreen.bench.Timings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lots table in the browser with many lots on the board: page loads, and what an operator does to it (sort by a
 * column, filter by site or verdict, scroll for more rows) and what the page does by itself (refresh the list), each
 * timed from the action to the next rendered frame, with {@code performance.now()} in the page.
 *
 * @param loadMs        navigation start to the table filled: the lot count shows every lot and the first rows are in
 * @param lotsFetchMs   navigation start to the end of the {@code /board/lots} response, per page load
 * @param actionsMs     per action (a sort click on a column, a filter chosen), the action to the next rendered frame
 * @param refreshMs     the list asked for again (as every 30 s and after alerts) to the table's next rendered frame;
 *                      empty when no refresh was rendered
 * @param refreshesMissed per refresh not rendered within 20 s, what the page showed
 * @param refreshTaskMs per refresh, the longest main-thread task the browser reported (long tasks, 50 ms or more;
 *                      0: none)
 * @param listed        lots the table counts after the last load (every lot of the window)
 * @param rows          rows in the table after the last load (the first of the sorted lots; more on scrolling)
 * @param timesPerCallMs formatting {@code listed} times with {@code toLocaleTimeString} and options per call
 * @param timesReusedMs  the same with one reused {@code Intl.DateTimeFormat}
 */
record LotsTableTimings(Timings loadMs, Timings lotsFetchMs, Map<String, Timings> actionsMs,
                        Optional<Timings> refreshMs, List<String> refreshesMissed, Timings refreshTaskMs, long listed,
                        long rows, Timings timesPerCallMs, Timings timesReusedMs) {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);
    /** The columns sorted by click: a number, a text, a probability. */
    private static final List<String> SORT_KEYS = List.of("totalReeMeanPpmMol", "lotId", "probHigh");
    /** Filters chosen and then cleared again: [select, value]. */
    private static final List<List<String>> FILTERS = List.of(List.of("f-site", "YARD-B"), List.of("f-site", ""),
            List.of("f-verdict", "HIGH"), List.of("f-verdict", ""));

    /**
     * Installed before any page script runs: when the table first counts the wanted lots (ms from navigation); and
     * the errors the page throws, for the report.
     */
    private static final String TABLE_STAMP = """
            (() => {
              window.__errors = [];
              window.addEventListener('error', (e) => window.__errors.push(e.message));
              const want = %d;
              const watch = new MutationObserver(() => {
                const count = document.getElementById('lot-count');
                const body = document.getElementById('lots-body');
                const listed = count ? parseInt(count.textContent.replace('(', ''), 10) : 0;
                if (listed >= want && body.rows.length > 0 && window.__tableAt === undefined) {
                  window.__tableAt = performance.now();
                  watch.disconnect();
                }
              });
              watch.observe(document, {childList: true, subtree: true, characterData: true});
            })();
            """;

    /**
     * Does one thing an operator does to the table, then answers the ms to the next frame rendered: a task queued
     * from the next animation frame's callback runs once that frame has been rendered.
     */
    private static final String ACTION = """
            const [what, arg] = arguments;
            const done = arguments[arguments.length - 1];
            const choose = (id, value) => {
              const select = document.getElementById(id);
              select.value = value;
              select.dispatchEvent(new Event('change'));
            };
            const t0 = performance.now();
            if (what === 'sort') document.querySelector('#lots-head th[data-key="' + arg + '"] button').click();
            else if (what === 'more') document.getElementById('lots-more-button').click();
            else choose(what, arg);
            requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
            """;

    /**
     * Asks for the list again as the page's timers do (the filter form's submit runs the same load), then answers
     * [ms to the next frame after the table was updated, the longest main-thread task meanwhile in ms], or, when the
     * table was not updated within 20 s, [-1, the longest task, what the lot count said, the errors the page threw].
     */
    private static final String REFRESH = """
            const done = arguments[arguments.length - 1];
            let longest = 0;
            const tasks = new PerformanceObserver((list) => list.getEntries()
              .forEach((task) => { longest = Math.max(longest, task.duration); }));
            tasks.observe({type: 'longtask'});
            const t0 = performance.now();
            // The page writes the lot count each time it has placed the rows of a load.
            const late = setTimeout(() => done([-1, longest, document.getElementById('lot-count').textContent,
              String(window.__errors)]), 20000);
            const counted = new MutationObserver(() => {
              counted.disconnect();
              clearTimeout(late);
              requestAnimationFrame(() => setTimeout(() => {
                tasks.takeRecords().forEach((task) => { longest = Math.max(longest, task.duration); });
                tasks.disconnect();
                done([performance.now() - t0, longest]);
              }, 0));
            });
            counted.observe(document.getElementById('lot-count'), {childList: true, characterData: true, subtree: true});
            document.getElementById('lot-filters').requestSubmit();
            """;

    /**
     * A diagnostic beside the table's timings: [ms for N times toLocaleTimeString with options, which builds a
     * formatter per call (board.js did so per row until 2026-12-06), ms for N times one reused Intl.DateTimeFormat].
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

    /** Loads the board {@code repetitions} times, then does each action {@code repetitions} times on the last page. */
    static LotsTableTimings measure(ChromeDriver chrome, String board, int lots, int repetitions) {
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", String.format(Locale.ROOT, TABLE_STAMP, lots)));
        double[] load = new double[repetitions];
        double[] fetch = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            chrome.get(board + "?load=" + i);
            new WebDriverWait(chrome, PAGE_WAIT).until(d -> chrome.executeScript("return window.__tableAt;") != null);
            load[i] = number(chrome.executeScript("return window.__tableAt;"));
            fetch[i] = number(chrome.executeScript("return performance.getEntriesByType('resource')"
                    + ".filter((e) => e.name.includes('/board/lots'))[0].responseEnd;"));
        }
        long listed = (Long) chrome.executeScript(
                "return parseInt(document.getElementById('lot-count').textContent.replace('(', ''), 10);");
        long rows = (Long) chrome.executeScript("return document.getElementById('lots-body').rows.length;");

        Map<String, List<Double>> actions = new LinkedHashMap<>();
        for (int i = 0; i < repetitions; i++) {
            for (String key : SORT_KEYS) {
                actions.computeIfAbsent("sort click on `" + key + "`", k -> new ArrayList<>())
                        .add(frameMs(chrome, "sort", key));
            }
            for (List<String> filter : FILTERS) {
                String what = filter.get(0) + (filter.get(1).isEmpty() ? " back to all" : " = " + filter.get(1));
                actions.computeIfAbsent("filter `" + what + "`", k -> new ArrayList<>())
                        .add(frameMs(chrome, filter.get(0), filter.get(1)));
            }
            actions.computeIfAbsent("\"show more\" (the next rows below the last)", k -> new ArrayList<>())
                    .add(frameMs(chrome, "more", ""));
        }
        List<Double> refresh = new ArrayList<>();
        List<String> refreshesMissed = new ArrayList<>();
        List<Double> refreshTask = new ArrayList<>();
        List<Double> perCall = new ArrayList<>();
        List<Double> reused = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            List<?> ms = (List<?>) chrome.executeAsyncScript(REFRESH);
            if (number(ms.get(0)) < 0) {
                refreshesMissed.add("lot count " + ms.get(2) + ", page errors [" + ms.get(3) + "]");
            } else {
                refresh.add(number(ms.get(0)));
            }
            refreshTask.add(number(ms.get(1)));
            ms = (List<?>) chrome.executeScript(TIME_FORMATTING, listed);
            perCall.add(number(ms.get(0)));
            reused.add(number(ms.get(1)));
        }
        Map<String, Timings> timed = new LinkedHashMap<>();
        actions.forEach((what, ms) -> timed.put(what, timings(ms)));
        return new LotsTableTimings(Timings.of(load), Timings.of(fetch), timed,
                refresh.isEmpty() ? Optional.empty() : Optional.of(timings(refresh)), List.copyOf(refreshesMissed),
                timings(refreshTask), listed, rows, timings(perCall), timings(reused));
    }

    /** Section (b) of the report. */
    String markdown(int lotsPublished, int served, int repetitions) {
        StringBuilder md = new StringBuilder();
        md.append("## (b) The lots table with ").append(lotsPublished).append(" lots\n\n");
        md.append(String.format(Locale.ROOT, "%d lots (a composition and a prediction each, three sites) on the board "
                + "(its backend served %d: (a)'s alerts put their lots on the board too); the table counted %d lots "
                + "and held the first %d rows of them (board.js adds the next rows as the operator scrolls). Page "
                + "loads: %d; then %d times each: a sort click on each of %s, the site and the verdict filters chosen "
                + "and cleared, \"show more\" (a sort or filter goes back to the first rows), and a refresh of the "
                + "list. Milliseconds measured in the browser (`performance.now()`); \"rendered\": a task queued from "
                + "the next animation frame's callback has run, i.e. the frame with the new table was produced.%n%n",
                lotsPublished, served, listed, rows, repetitions, repetitions, SORT_KEYS));
        md.append("| in the browser (ms) | median | min | p90 | max | n |\n|---|---|---|---|---|---|\n");
        md.append(row("navigation start → `/board/lots` response received", lotsFetchMs));
        md.append(row("navigation start → the table counts every lot, its first rows in", loadMs));
        actionsMs.forEach((what, ms) -> md.append(row(what + " → table rendered", ms)));
        refreshMs.ifPresent(ms -> md.append(row("refresh (the list fetched again, same lots) → table rendered", ms)));
        md.append(row("refresh: longest main-thread task (≥ 50 ms reported; 0: none)", refreshTaskMs));
        if (!refreshesMissed.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nRefreshes not rendered within 20 s: %d of %d (%s).%n",
                    refreshesMissed.size(), refreshTaskMs.count(), String.join("; ", refreshesMissed)));
        }
        md.append(String.format(Locale.ROOT, "%nA diagnostic, not the page's own code path: formatting %d times of day "
                + "in the same page with `toLocaleTimeString` and options (a formatter built per call, as board.js did "
                + "for every row until 2026-12-06) and with one reused `Intl.DateTimeFormat` (as it does now).%n%n",
                listed));
        md.append("| in the browser (ms) | median | min | p90 | max | n |\n|---|---|---|---|---|---|\n");
        md.append(row(listed + " × `toLocaleTimeString([], options)`", timesPerCallMs));
        md.append(row(listed + " × one `Intl.DateTimeFormat`", timesReusedMs));
        return md.toString();
    }

    /** The action's time to the next rendered frame, ms. */
    private static double frameMs(ChromeDriver chrome, String what, String arg) {
        return number(chrome.executeAsyncScript(ACTION, what, arg));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Timings timings(List<Double> values) {
        return Timings.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String row(String what, Timings ms) {
        // Timings holds seconds; these are milliseconds, so its figures are read as they are.
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %d |%n", what, ms.medianSeconds(),
                ms.minSeconds(), ms.quantileSeconds(0.9), ms.maxSeconds(), ms.count());
    }
}
