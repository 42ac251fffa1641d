package dev.pulse.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What page tests do in a real Chromium: log in through the login page, switch between the desktop
 * (1280x900) and phone (390x844) sizes the web app issue names, check that nothing scrolls sideways,
 * wait for DOM state, and keep screenshots in {@code target/screenshots/}.
 */
public final class Pages {

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private Pages() {
    }

    /** The application's root URL, always ending in a slash. */
    public static String root(URL base) {
        String url = base.toExternalForm();
        return url.endsWith("/") ? url : url + "/";
    }

    /** Logs in through the login page and waits until the shared header names the user. */
    public static void logIn(ChromeDriver driver, URL base, String username, String password) {
        driver.get(root(base) + "accounts/login.html?next=%2F");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        awaitText(driver, By.id("current-user"), username);
    }

    /**
     * The phone size is emulated as a mobile device (so the page's viewport meta is what counts, as
     * on a real phone); the desktop size is a plain window.
     */
    public static void size(ChromeDriver driver, Dimension size) {
        if (size.equals(PHONE)) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                    "width", size.width, "height", size.height, "deviceScaleFactor", 2, "mobile", true));
        } else {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
            driver.manage().window().setSize(size);
        }
    }

    /** The page is no wider than the window: nothing scrolls sideways (at 390 px the phone check). */
    public static void assertNoHorizontalOverflow(ChromeDriver driver) {
        Object widths = driver.executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth, location.pathname];");
        List<?> values = (List<?>) widths;
        long scroll = ((Number) values.get(0)).longValue();
        long inner = ((Number) values.get(1)).longValue();
        assertTrue(scroll <= inner, values.get(2) + " is " + scroll + " px wide in a " + inner + " px window");
    }

    public static WebElement await(ChromeDriver driver, By locator) {
        return until(driver, ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * What chromedriver answers to a poll that lands while the page navigates (a click on Log out, a
     * form post): the command was "aborted by navigation", or the element it had just found belongs
     * to the page being replaced ("Node with given id does not belong to the document"). Both seen
     * with Chromium 156 in CI runs.
     */
    private static final List<String> NAVIGATION_RACES = List.of("aborted by navigation",
            "does not belong to the document");

    /**
     * Waits up to {@link WsClient#TIMEOUT} for {@code condition}. A poll that meets one of the
     * {@link #NAVIGATION_RACES} counts as "not yet", as a missing element does; any other driver
     * error still fails the wait at once.
     */
    public static <T> T until(WebDriver driver, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WsClient.TIMEOUT).until(d -> {
            try {
                return condition.apply(d);
            } catch (WebDriverException e) {
                String message = e.getMessage();
                if (message != null && NAVIGATION_RACES.stream().anyMatch(message::contains)) {
                    return null;
                }
                throw e;
            }
        });
    }

    /** Waits until the element exists, shown or not (a header item folded into the phone menu). */
    public static WebElement awaitPresent(ChromeDriver driver, By locator) {
        return until(driver, ExpectedConditions.presenceOfElementLocated(locator));
    }

    public static void awaitText(ChromeDriver driver, By locator, String text) {
        try {
            until(driver, ExpectedConditions.textToBePresentInElementLocated(locator, text));
        } catch (org.openqa.selenium.TimeoutException e) {
            List<WebElement> found = driver.findElements(locator);
            throw new AssertionError("expected " + locator + " to show \"" + text + "\" on " + driver.getCurrentUrl() + ", it shows "
                    + (found.isEmpty() ? "(no such element)" : "\"" + found.get(0).getText() + "\""), e);
        }
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png} (the README's screenshots come from here). */
    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
