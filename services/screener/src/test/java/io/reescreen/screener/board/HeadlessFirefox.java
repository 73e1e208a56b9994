package io.reescreen.screener.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Firefox ESR (Debian's {@code firefox-esr}; {@code .ci/run} installs it as root) driven over WebDriver BiDi,
 * which Firefox speaks itself: there is no geckodriver in Debian and nothing is downloaded at run time, so Selenium's
 * FirefoxDriver is not used. Each instance has a fresh temporary profile that keeps Firefox off the network (no
 * updates, telemetry or remote settings) and is deleted, with the process, on {@link #close()}. Where no Firefox can be
 * found the calling test is skipped through a JUnit assumption that says what to install.
 */
final class HeadlessFirefox implements AutoCloseable {

    /** Looked for on PATH, then in /usr/bin; {@code -Dreescreen.board.firefox} names the binary instead. */
    private static final List<String> NAMES = List.of("firefox-esr", "firefox");
    private static final Pattern BIDI_URL = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final Duration LAUNCH = Duration.ofSeconds(90);
    private static final Duration COMMAND = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prefs that keep a test browser quiet and offline apart from the page under test. */
    private static final List<String> USER_JS = List.of(
            "user_pref(\"app.update.disabledForTesting\", true);",
            "user_pref(\"app.update.auto\", false);",
            "user_pref(\"app.normandy.enabled\", false);",
            "user_pref(\"app.normandy.api_url\", \"\");",
            "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
            "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
            "user_pref(\"browser.newtabpage.enabled\", false);",
            "user_pref(\"browser.search.update\", false);",
            "user_pref(\"browser.region.update.enabled\", false);",
            "user_pref(\"browser.region.network.url\", \"\");",
            "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
            "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
            "user_pref(\"browser.safebrowsing.downloads.enabled\", false);",
            "user_pref(\"browser.safebrowsing.blockedURIs.enabled\", false);",
            "user_pref(\"browser.sessionstore.resume_from_crash\", false);",
            "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
            "user_pref(\"datareporting.healthreport.uploadEnabled\", false);",
            "user_pref(\"toolkit.telemetry.enabled\", false);",
            "user_pref(\"toolkit.telemetry.server\", \"\");",
            "user_pref(\"toolkit.startup.max_resumed_crashes\", -1);",
            "user_pref(\"services.settings.server\", \"data:,#remote-settings-dummy/v1\");",
            "user_pref(\"messaging-system.rsexperimentloader.enabled\", false);",
            "user_pref(\"extensions.update.enabled\", false);",
            "user_pref(\"extensions.getAddons.cache.enabled\", false);",
            "user_pref(\"extensions.blocklist.enabled\", false);",
            "user_pref(\"network.captive-portal-service.enabled\", false);",
            "user_pref(\"network.connectivity-service.enabled\", false);",
            "user_pref(\"network.dns.disablePrefetch\", true);",
            "user_pref(\"network.prefetch-next\", false);",
            "user_pref(\"network.http.speculative-parallel-limit\", 0);");

    private final Process process;
    private final Path profile;
    private final Thread killer;
    private final Deque<String> stderrTail;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private BidiConnection bidi;
    private String context;

    private HeadlessFirefox(Process process, Path profile, Deque<String> stderrTail) {
        this.process = process;
        this.profile = profile;
        this.stderrTail = stderrTail;
        // Should the test JVM be stopped before close() (a surefire timeout), the browser goes with it.
        this.killer = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "firefox-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** A headless Firefox showing about:blank at 1280x800, or the calling test skipped with the reason. */
    static HeadlessFirefox start() throws Exception {
        String given = System.getProperty("reescreen.board.firefox");
        Optional<File> binary = BrowserSupport.executable(given != null ? List.of(given) : onPathOrUsrBin());
        if (binary.isEmpty()) {
            BrowserSupport.skip("the board's Firefox tests", "no Firefox here (looked for " + (given != null ? given
                    : String.join(" and ", NAMES) + " on PATH and in /usr/bin") + "); install it with "
                    + "`apt-get install firefox-esr` (.ci/run does so as root)");
        }
        // A Firefox that is there but does not start is a failure, not a skip.
        Path profile = Files.createTempDirectory("reescreen-firefox-");
        Files.write(profile.resolve("user.js"), USER_JS);
        ProcessBuilder launch = new ProcessBuilder(binary.get().getPath(), "--headless", "--no-remote", "--profile",
                profile.toString(), "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        launch.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
        Deque<String> stderrTail = new ArrayDeque<>();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        HeadlessFirefox firefox = new HeadlessFirefox(launch.start(), profile, stderrTail);
        try {
            firefox.readStderr(listening);
            URI url = listening.get(LAUNCH.toMillis(), TimeUnit.MILLISECONDS);
            firefox.connect(url.resolve("/session"));
            return firefox;
        } catch (Exception e) {
            firefox.close();
            throw new IllegalStateException("Firefox " + binary.get() + " did not start a WebDriver BiDi session: " + e
                    + "; its last output: " + firefox.stderrTail(), e);
        }
    }

    /** Loads {@code url} and waits until the page and its scripts have loaded. */
    void navigate(String url) throws Exception {
        bidi.send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"), COMMAND);
    }

    /** The JSON value of a JavaScript expression in the page (a promise is awaited first; undefined gives null). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode answer = bidi.send("script.evaluate", Map.of(
                "expression", "(async () => JSON.stringify(await (" + expression + ")))()",
                "target", Map.of("context", context), "awaitPromise", true, "resultOwnership", "none"), COMMAND);
        if ("exception".equals(answer.path("type").asText())) {
            throw new AssertionError("the page threw on `" + expression + "`: "
                    + answer.path("exceptionDetails").path("text").asText());
        }
        JsonNode value = answer.path("result");
        return "string".equals(value.path("type").asText()) ? JSON.readTree(value.path("value").asText())
                : NullNode.getInstance();
    }

    /** Evaluates {@code expression} until it is truthy and returns its value; fails naming {@code what} after timeout. */
    JsonNode waitUntil(String what, String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode value;
        do {
            value = evaluate(expression);
            if (truthy(value)) {
                return value;
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Firefox: not within " + timeout + ": " + what + " (last value " + value
                + "; page errors " + errors + ")");
    }

    /** Uncaught JavaScript errors and console.error lines of every page loaded so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Sizes the page itself (window.innerWidth x innerHeight) to width x height CSS pixels. */
    void viewport(int width, int height) throws Exception {
        bidi.send("browsingContext.setViewport", Map.of("context", context,
                "viewport", Map.of("width", width, "height", height)), COMMAND);
    }

    /** The viewport as a PNG at {@code target}, replacing what was there. */
    void screenshot(Path target) throws Exception {
        JsonNode shot = bidi.send("browsingContext.captureScreenshot", Map.of("context", context,
                "origin", "viewport"), COMMAND);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** The browser's process id and its profile folder, both gone after {@link #close()}. */
    long pid() {
        return process.pid();
    }

    Path profile() {
        return profile;
    }

    /** A Java value as a JavaScript literal (its JSON), for putting test data into an expression. */
    static String js(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Ends the session, stops Firefox (forcibly after a grace period) and deletes its profile. */
    @Override
    public void close() {
        if (bidi != null) {
            try {
                bidi.send("browser.close", Map.of(), GRACE);
            } catch (Exception e) {
                // It may close the connection before it answers; the process is stopped below either way.
            }
            bidi.close();
        }
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs anyway.
        }
        deleteProfile();
    }

    private void connect(URI session) throws Exception {
        bidi = BidiConnection.open(session, this::event, COMMAND);
        bidi.send("session.new", Map.of("capabilities", Map.of()), COMMAND);
        context = bidi.send("browsingContext.getTree", Map.of("maxDepth", 0), COMMAND)
                .path("contexts").path(0).path("context").asText();
        bidi.send("session.subscribe", Map.of("events", List.of("log.entryAdded")), COMMAND);
        viewport(BrowserSupport.WIDTH_PX, BrowserSupport.HEIGHT_PX);
    }

    private void event(JsonNode message) {
        JsonNode entry = message.path("params");
        if ("log.entryAdded".equals(message.path("method").asText())
                && ("javascript".equals(entry.path("type").asText()) || "error".equals(entry.path("level").asText()))) {
            JsonNode frame = entry.path("stackTrace").path("callFrames").path(0);
            errors.add(entry.path("type").asText() + " " + entry.path("level").asText() + ": "
                    + entry.path("text").asText() + (frame.isMissingNode() ? ""
                    : " at " + frame.path("url").asText() + ":" + frame.path("lineNumber").asText()));
        }
    }

    /** Reads Firefox's stderr for as long as it runs (a full pipe would stall it), watching for the BiDi address. */
    private void readStderr(CompletableFuture<URI> listening) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher bidiUrl = BIDI_URL.matcher(line);
                    if (bidiUrl.find()) {
                        listening.complete(URI.create(bidiUrl.group(1)));
                    }
                    synchronized (stderrTail) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > 30) {
                            stderrTail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // The process is gone; said below.
            }
            listening.completeExceptionally(new IOException("Firefox exited without a BiDi address"));
        }, "firefox-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    private String stderrTail() {
        synchronized (stderrTail) {
            return String.join(" | ", stderrTail);
        }
    }

    private void stopProcess() {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly); // content processes normally end with their parent
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete Firefox's profile " + profile + ": " + e);
        }
    }

    private static boolean truthy(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return !value.isNull() && !value.isMissingNode();
    }

    private static List<String> onPathOrUsrBin() {
        List<String> found = new ArrayList<>();
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    found.add(new File(dir, name).getPath());
                }
            }
            found.add("/usr/bin/" + name);
        }
        return found.stream().distinct().toList();
    }
}
