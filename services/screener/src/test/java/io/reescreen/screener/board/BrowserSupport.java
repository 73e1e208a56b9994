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
        Optional<File> browser = executable("reescreen.browser.binary", BROWSERS);
        Optional<File> driver = executable("reescreen.browser.driver", DRIVERS);
        assumeTrue(browser.isPresent() && driver.isPresent(),
                "SKIPPED: no headless browser here (looked for Chromium at " + BROWSERS + " and chromedriver at "
                        + DRIVERS + "); install them with `apt-get install chromium chromium-driver` (.ci/run does"
                        + " so as root)");
        // Selenium Manager is only consulted when a path is missing; say offline all the same.
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH_PX + "," + HEIGHT_PX, "--no-first-run", "--disable-extensions",
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get())
                .usingAnyFreePort().build();
        ChromeDriver chrome;
        try {
            chrome = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            assumeTrue(false, "SKIPPED: Chromium at " + browser.get() + " with " + driver.get()
                    + " did not start: " + e.getMessage());
            throw e;
        }
        chrome.manage().window().setSize(new Dimension(WIDTH_PX, HEIGHT_PX));
        return chrome;
    }

    /** The browser's viewport, scrolled to the top, as a PNG at {@code target}, replacing what was there. */
    static void screenshot(ChromeDriver chrome, Path target) throws IOException {
        chrome.executeScript("window.scrollTo(0, 0); document.querySelectorAll('*')"
                + ".forEach(e => { if (e.scrollTop) e.scrollTop = 0; });");
        Path png = chrome.getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<File> executable(String property, List<String> candidates) {
        String given = System.getProperty(property);
        return (given != null ? List.of(given) : candidates).stream().map(File::new).filter(File::canExecute)
                .findFirst();
    }
}
