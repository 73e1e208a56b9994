package io.reescreen.bench.board;

import java.io.File;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the machine's Debian packages ({@code chromium}, {@code chromium-driver}), both given to
 * Selenium by path so that Selenium Manager never looks for or downloads anything (as the board's browser test does).
 */
final class HeadlessChromium {

    /** {@code -Dreescreen.browser.binary} / {@code .driver} point elsewhere. */
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private HeadlessChromium() {
    }

    /** A headless Chromium with a 1280x800 window; fails saying what to install when there is none. */
    static ChromeDriver start() {
        List<String> browsers = candidates("reescreen.browser.binary", BROWSERS);
        List<String> drivers = candidates("reescreen.browser.driver", DRIVERS);
        Optional<File> browser = executable(browsers);
        Optional<File> driver = executable(drivers);
        if (browser.isEmpty() || driver.isEmpty()) {
            throw new IllegalStateException("no headless browser here (looked for Chromium at " + browsers
                    + " and chromedriver at " + drivers + "); install them with `apt-get install chromium chromium-driver`");
        }
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get());
        // No back/forward cache: the benchmark loads the board again and again in one tab, and each page left kept
        // its alert stream open in the cache; with six of them the browser's six connections to the screener were
        // taken, and the next page's requests waited (a /board/lots fetch started 54 s late in a trial).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--no-first-run", "--disable-extensions",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=BackForwardCache");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static List<String> candidates(String property, List<String> defaults) {
        String given = System.getProperty(property);
        return given != null ? List.of(given) : defaults;
    }

    private static Optional<File> executable(List<String> candidates) {
        return candidates.stream().map(File::new).filter(File::canExecute).findFirst();
    }
}
