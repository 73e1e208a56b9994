package io.reescreen.screener.board;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the board's browser test, from the machine's Debian packages ({@code chromium},
 * {@code chromium-driver}; {@code .ci/run} installs them as root). Both paths are given to Selenium explicitly, so
 * Selenium Manager never looks for, or downloads, a browser or a driver. Where either is missing the test is skipped
 * through a JUnit assumption that says what to install.
 */
final class BrowserSupport {

    /** Where Debian's packages put them; {@code -Dreescreen.browser.binary} / {@code .driver} point elsewhere. */
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    static final int WIDTH_PX = 1280;
    static final int HEIGHT_PX = 800;
    /** A 10-inch tablet held upright, in CSS pixels. */
    static final int TABLET_WIDTH_PX = 800;
    static final int TABLET_HEIGHT_PX = 1280;

    private BrowserSupport() {
    }

    /** A headless Chromium at 1280x800, or the calling test skipped with the reason. */
    static ChromeDriver headlessChromium() {
        List<String> browsers = candidates("reescreen.browser.binary", BROWSERS);
        List<String> drivers = candidates("reescreen.browser.driver", DRIVERS);
        Optional<File> browser = executable(browsers);
        Optional<File> driver = executable(drivers);
        if (browser.isEmpty() || driver.isEmpty()) {
            skip("BoardBrowserTest", "no headless browser here (looked for Chromium at " + browsers
                    + " and chromedriver at " + drivers + "); install them with `apt-get install chromium "
                    + "chromium-driver` (.ci/run does so as root)");
        }
        // Selenium Manager is only run when a path is missing (it was not: no ~/.cache/selenium); should it ever run,
        // Selenium hands it the SE_* system properties as its environment, and offline it downloads nothing.
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH_PX + "," + HEIGHT_PX, "--no-first-run", "--disable-extensions",
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get())
                .usingAnyFreePort().build();
        // A browser that is there but does not start is a failure, not a skip.
        ChromeDriver chrome = new ChromeDriver(service, options);
        viewport(chrome, WIDTH_PX, HEIGHT_PX);
        return chrome;
    }

    /** Sizes the window so that the page itself (not the window with its frame) is width x height CSS pixels. */
    static void viewport(ChromeDriver chrome, int width, int height) {
        chrome.manage().window().setSize(new Dimension(width, height));
        Number frameWidth = (Number) chrome.executeScript("return window.outerWidth - window.innerWidth;");
        Number frameHeight = (Number) chrome.executeScript("return window.outerHeight - window.innerHeight;");
        chrome.manage().window().setSize(new Dimension(width + frameWidth.intValue(), height + frameHeight.intValue()));
    }

    /** The browser's viewport, scrolled to the top, as a PNG at {@code target}, replacing what was there. */
    static void screenshot(ChromeDriver chrome, Path target) throws IOException {
        chrome.executeScript("window.scrollTo(0, 0); document.querySelectorAll('*')"
                + ".forEach(e => { if (e.scrollTop) e.scrollTop = 0; });");
        Path png = chrome.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Skips the calling test, saying why on stderr too, so a skipped browser test shows in the build's output. */
    static void skip(String test, String why) {
        System.err.println(test + " SKIPPED: " + why);
        assumeTrue(false, "SKIPPED: " + why);
    }

    private static List<String> candidates(String property, List<String> defaults) {
        String given = System.getProperty(property);
        return given != null ? List.of(given) : defaults;
    }

    static Optional<File> executable(List<String> candidates) {
        return candidates.stream().map(File::new).filter(File::canExecute).findFirst();
    }
}
