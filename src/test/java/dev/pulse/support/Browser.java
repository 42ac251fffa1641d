package dev.pulse.support;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for page tests: Debian's chromium driven through Debian's chromedriver
 * (never a downloaded driver). The flags keep it off the network this machine does not have.
 */
public final class Browser {

    public static final String CHROMIUM = System.getProperty("pulse.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("pulse.chromedriver", "/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start() {
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                    "--user-data-dir=" + Files.createTempDirectory("pulse-chromium"));
            // The console log, so that page tests can find the page's errors.
            org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
            logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return driver;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot prepare a Chromium profile", e);
        }
    }
}
