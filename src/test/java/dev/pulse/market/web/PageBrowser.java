package dev.pulse.market.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.support.Browser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The market page tests' Chromium ({@link Browser}, whose console log finds errors of the page) with a
 * viewport set through the DevTools protocol:
 * a 1280x900 desktop or a 390x844 phone (mobile, so the page's viewport meta is what counts).
 */
final class PageBrowser {


    private PageBrowser() {
    }

    static ChromeDriver start() {
        ChromeDriver driver = Browser.start();
        desktop(driver);
        return driver;
    }

    static void desktop(ChromeDriver driver) {
        viewport(driver, 1280, 900, false);
    }

    static void phone(ChromeDriver driver) {
        viewport(driver, 390, 844, true);
    }

    private static void viewport(ChromeDriver driver, int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
    }

    /** The page is exactly as wide as the viewport: nothing scrolls sideways (wide tables scroll inside their box). */
    static void assertNoHorizontalOverflow(ChromeDriver driver, int width) {
        Object inner = driver.executeScript("return window.innerWidth");
        Object scroll = driver.executeScript("return document.documentElement.scrollWidth");
        // What sticks out (on a phone the browser widens its layout viewport to the widest content instead).
        Object wide = driver.executeScript("var w = arguments[0], out = [];"
                + "document.querySelectorAll('body *').forEach(function (e) { var r = e.getBoundingClientRect();"
                + " if (r.right > w + 0.5 && !e.closest('.table-wrap')) out.push(e.tagName + (e.id ? '#' + e.id : '')"
                + " + (e.className && e.className.baseVal === undefined ? '.' + e.className : '') + ' ' + Math.round(r.right)); });"
                + "return out.slice(0, 12).join(', ');", width);
        assertEquals(width, ((Number) inner).intValue(), "viewport width; wider than it: " + wide);
        assertTrue(((Number) scroll).intValue() <= ((Number) inner).intValue(),
                "the page scrolls sideways: scrollWidth " + scroll + " > innerWidth " + inner + "; wider: " + wide);
    }

    /**
     * Saves the whole page (the viewport stretched to the page's height for the shot) as
     * target/screenshots/{name}.png, then restores the viewport.
     */
    static Path screenshot(ChromeDriver driver, String name) {
        boolean mobile = ((Number) driver.executeScript("return window.innerWidth")).intValue() < 500;
        int width = mobile ? 390 : 1280;
        int height = ((Number) driver.executeScript("return Math.max(document.documentElement.scrollHeight, 1)")).intValue();
        viewport(driver, width, Math.min(Math.max(height, mobile ? 844 : 900), 6000), mobile);
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new AssertionError("cannot save the screenshot " + name, e);
        } finally {
            viewport(driver, width, mobile ? 844 : 900, mobile);
        }
    }

    /** Console entries of severity SEVERE since the last call (the log is drained). */
    static List<String> severeConsoleEntries(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .collect(Collectors.toList());
    }

    /** Switches the theme with the layout's toggle; answers the theme now in force. */
    static String toggleTheme(ChromeDriver driver) {
        driver.findElement(org.openqa.selenium.By.id("theme-toggle")).click();
        return (String) driver.executeScript("return document.documentElement.dataset.theme");
    }
}
