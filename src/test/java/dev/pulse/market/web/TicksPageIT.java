package dev.pulse.market.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.market.Http;
import dev.pulse.support.WsClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The Ticks page (/ticks/, seed 000) in a real headless Chromium against a real Payara Micro, whose
 * tick simulator beats every 200 ms in the tests (pom.xml): pick a symbol, start, ticks, candles and
 * trades move, totals add up, stop; at 1280x900 and at a 390 px phone, in both themes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TicksPageIT {

    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    static ChromeDriver browser;

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = PageBrowser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private int number(String id) {
        return Integer.parseInt(text(id).trim());
    }

    private void open() {
        browser.get(Http.uri(base, "ticks/").toString());
        WsClient.eventually(() -> assertEquals("connected", text("tick-state")));
        // The symbol picker holds the catalog (GET /api/market), the seed's symbol first chosen.
        WsClient.eventually(() -> assertTrue(new Select(browser.findElement(By.id("symbol"))).getOptions().size() > 5));
        assertEquals("SYMBOL_XYZ", new Select(browser.findElement(By.id("symbol"))).getFirstSelectedOption().getAttribute("value"));
    }

    /** Starts the stream of {@code symbol} and waits until ticks, candles and trades have moved on screen. */
    private void startAndWatch(String symbol) {
        new Select(browser.findElement(By.id("symbol"))).selectByValue(symbol);
        browser.findElement(By.id("start")).click();
        WsClient.eventually(() -> assertEquals("streaming", text("tick-state")));
        assertTrue(browser.findElement(By.id("tick-state")).getAttribute("class").contains("live"));
        assertTrue(browser.findElement(By.id("start")).getAttribute("disabled") != null, "Start is disabled while streaming");

        // Ticks move: the count grows and the price shows.
        WsClient.eventually(() -> assertTrue(number("tick-count") >= 3, "ticks: " + text("tick-count")));
        WsClient.eventually(() -> assertFalse(text("last-price").equals("–")));
        int ticks = number("tick-count");
        WsClient.eventually(() -> assertTrue(number("tick-count") > ticks + 2));

        // Candles move: the current candle's O/H/L/C change as ticks fold into it.
        WsClient.eventually(() -> assertTrue(number("candle-count") >= 1));
        AtomicReference<String> candle = new AtomicReference<>(text("candle-ohlc"));
        assertFalse(candle.get().equals("–"));
        WsClient.eventually(() -> assertFalse(text("candle-ohlc").equals(candle.get()), "candle still " + candle.get()));

        // Trades arrive as a list with running totals that add up (won pays 3.20, lost costs 10.00).
        WsClient.eventually(() -> assertTrue(number("trade-total") >= 2, "trades: " + text("trade-total")));
        assertTrades(symbol);

        // Both charts are ECharts canvases.
        assertFalse(browser.findElements(By.cssSelector("#tick-chart canvas")).isEmpty(), "tick chart drawn");
        assertFalse(browser.findElements(By.cssSelector("#candle-chart canvas")).isEmpty(), "candle chart drawn");
    }

    private void assertTrades(String symbol) {
        // Totals and list read in one go in the page, so no trade slips in between.
        @SuppressWarnings("unchecked")
        List<Object> snapshot = (List<Object>) browser.executeScript(
                "var rows = Array.prototype.map.call(document.querySelectorAll('#trades tbody tr'), function (r) {"
                + " return [r.querySelector('.contract').textContent, r.querySelector('.status').textContent,"
                + " r.querySelector('.profit').textContent, r.querySelector('.symbol').textContent]; });"
                + "return [document.getElementById('trade-total').textContent, document.getElementById('trade-won').textContent,"
                + " document.getElementById('trade-lost').textContent, document.getElementById('trade-profit').textContent, rows];");
        int total = Integer.parseInt((String) snapshot.get(0));
        int won = Integer.parseInt((String) snapshot.get(1));
        int lost = Integer.parseInt((String) snapshot.get(2));
        assertEquals(total, won + lost);
        BigDecimal expected = new BigDecimal("3.20").multiply(BigDecimal.valueOf(won)).subtract(BigDecimal.TEN.multiply(BigDecimal.valueOf(lost)));
        assertEquals(expected.compareTo(BigDecimal.ZERO) > 0 ? "+" + expected.toPlainString() : expected.toPlainString(),
                snapshot.get(3), "total profit of " + won + " won and " + lost + " lost");
        @SuppressWarnings("unchecked")
        List<List<String>> rows = (List<List<String>>) snapshot.get(4);
        assertEquals(total, rows.size());
        for (List<String> row : rows) {
            assertTrue(Set.of("CALL", "PUT").contains(row.get(0)), row.toString());
            assertTrue(Set.of("Won", "Lost").contains(row.get(1)), row.toString());
            assertEquals("Won".equals(row.get(1)) ? "+3.20" : "-10.00", row.get(2), row.toString());
            assertEquals(symbol, row.get(3), row.toString());
        }
    }

    private void stop() {
        browser.findElement(By.id("stop")).click();
        WsClient.eventually(() -> assertEquals("stopped", text("tick-state")));
        // Nothing moves any more: the tick count holds still for a second (one tick may still have been in flight).
        AtomicReference<String> last = new AtomicReference<>(text("tick-count"));
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1)).until(() -> {
            String now = text("tick-count");
            return now.equals(last.getAndSet(now));
        });
    }

    @Test
    void desktopPickStartWatchTicksCandlesAndTradesThenStop() {
        PageBrowser.desktop(browser);
        open();
        assertEquals("Ticks · Pulse", browser.getTitle());
        startAndWatch("MSFT");
        // A fuller picture for the screenshot (README): a few seconds of trading.
        WsClient.eventually(() -> assertTrue(number("trade-total") >= 8 && number("tick-count") >= 30));
        PageBrowser.assertNoHorizontalOverflow(browser, 1280);
        PageBrowser.screenshot(browser, "ticks-desktop");

        // The charts follow the theme toggle of the layout.
        String before = browser.findElement(By.id("tick-chart")).getAttribute("data-theme");
        String theme = PageBrowser.toggleTheme(browser);
        WsClient.eventually(() -> assertEquals(theme, browser.findElement(By.id("tick-chart")).getAttribute("data-theme")));
        assertFalse(theme.equals(before));
        PageBrowser.screenshot(browser, "ticks-desktop-" + theme);
        PageBrowser.toggleTheme(browser);

        // Another symbol while streaming: the charts start over on it.
        new Select(browser.findElement(By.id("symbol"))).selectByValue("SYMBOL_XYZ");
        WsClient.eventually(() -> assertTrue(number("tick-count") >= 2));
        stop();
        assertTrue(PageBrowser.severeConsoleEntries(browser).isEmpty(), () -> "console errors: " + PageBrowser.severeConsoleEntries(browser));
    }

    @Test
    void phoneStreamsWithoutSidewaysScrolling() {
        PageBrowser.phone(browser);
        try {
            open();
            PageBrowser.assertNoHorizontalOverflow(browser, 390);
            startAndWatch("SYMBOL_XYZ");
            WebElement trades = browser.findElement(By.id("trades"));
            assertTrue(trades.isDisplayed());
            PageBrowser.assertNoHorizontalOverflow(browser, 390);
            PageBrowser.screenshot(browser, "ticks-phone");
            stop();
            assertTrue(PageBrowser.severeConsoleEntries(browser).isEmpty(), () -> "console errors: " + PageBrowser.severeConsoleEntries(browser));
        } finally {
            PageBrowser.desktop(browser);
        }
    }

    @Test
    void thePageIsServedUnderThePolicyWithoutInlineScript() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(Http.uri(base, "ticks/").toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertFalse(INLINE_SCRIPT.matcher(page.body()).find(), "inline script in /ticks/");
        for (String script : List.of("ticks/ticks.js", "market/charts.js", "webjars/echarts/5.3.1/dist/echarts.min.js")) {
            assertEquals(200, Http.get(base, script).status(), script);
        }
    }
}
