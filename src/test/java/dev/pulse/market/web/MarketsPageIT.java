package dev.pulse.market.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.market.Http;
import dev.pulse.support.TestEnvironment;
import dev.pulse.support.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Markets dashboard (/realtime/dashboard/, seed 001) and its history endpoint
 * ({@code GET /api/market/{symbol}/history}) on a real Payara Micro, the page in a real headless
 * Chromium: the chart opens with stored history and continues live, line or candles, the logged-in
 * user's portfolio value moves with a price; at 1280x900 and at a 390 px phone, in both themes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MarketsPageIT {

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

    /** Reprices {@code symbol} now (stored, then broadcast); answers the new price. */
    private static double force(Http.Session user, String symbol) {
        Http.Reply reply = user.post("api/realtime/force_price_update/", "{\"symbols\":[\"" + symbol + "\"]}");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("updated").getJsonObject(0).getJsonNumber("price").doubleValue();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String chart(String attribute) {
        return browser.findElement(By.id("chart")).getAttribute("data-" + attribute);
    }

    // ---- the history endpoint

    @Test
    void historyAnswersStoredPricesAndCandlesOldestFirst() {
        AccountSession account = AccountSession.newUser(base, "chartist");
        Http.Session user = Http.Session.login(base, account.username(), AccountSession.PASSWORD);
        Instant before = Instant.now().minusSeconds(1);
        double last = 0;
        for (int i = 0; i < 3; i++) {
            last = force(user, "MSFT");
        }
        Http.Reply reply = Http.get(base, "api/market/msft/history?points=500");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        JsonObject history = reply.json();
        assertEquals("MSFT", history.getString("symbol"));
        assertEquals("Microsoft Corporation", history.getString("name"));
        assertEquals(60, history.getInt("interval"), "the feed's candle interval (pulse.feed.candle-seconds)");

        JsonArray prices = history.getJsonArray("prices");
        assertTrue(prices.size() >= 3 && prices.size() <= 500, history.toString());
        Instant previous = Instant.EPOCH;
        for (JsonValue value : prices) {
            JsonObject point = value.asJsonObject();
            assertEquals(2, point.size(), point.toString());
            Instant time = Instant.parse(point.getString("time"));
            assertFalse(time.isBefore(previous), "oldest first: " + prices);
            assertTrue(point.getJsonNumber("price").doubleValue() > 0, point.toString());
            previous = time;
        }
        JsonObject newest = prices.getJsonObject(prices.size() - 1);
        assertFalse(Instant.parse(newest.getString("time")).isBefore(before), "the forced prices are there: " + newest);
        assertEquals(last, newest.getJsonNumber("price").doubleValue(), 0.005, newest.toString());

        JsonArray candles = history.getJsonArray("candles");
        assertFalse(candles.isEmpty(), history.toString());
        Instant previousOpen = Instant.EPOCH;
        for (JsonValue value : candles) {
            JsonObject candle = value.asJsonObject();
            Instant open = Instant.parse(candle.getString("time"));
            assertTrue(open.isAfter(previousOpen), "one candle per interval, oldest first: " + candles);
            assertEquals(0, open.getEpochSecond() % 60, "aligned to the interval: " + candle);
            double low = candle.getJsonNumber("low").doubleValue();
            double high = candle.getJsonNumber("high").doubleValue();
            for (String price : List.of("open", "close")) {
                double v = candle.getJsonNumber(price).doubleValue();
                assertTrue(low <= v && v <= high, candle.toString());
            }
            assertTrue(candle.getJsonNumber("volume").longValue() >= 0, candle.toString());
            previousOpen = open;
        }
        assertEquals(last, candles.getJsonObject(candles.size() - 1).getJsonNumber("close").doubleValue(), 0.005,
                "the newest candle closes at the newest price");

        // points bounds the answer.
        JsonObject two = Http.get(base, "api/market/MSFT/history?points=2").json();
        assertEquals(2, two.getJsonArray("prices").size());
        assertEquals(newest, two.getJsonArray("prices").getJsonObject(1));
    }

    @Test
    void historyRefusesUnknownSymbolsAndBadBoundsAsJson() {
        for (String path : List.of("api/market/NOPE_X/history", "api/market/nope.x/history", "api/market/AAPL%20X/history")) {
            Http.Reply unknown = Http.get(base, path);
            assertEquals(404, unknown.status(), path + " " + unknown.body());
            assertTrue(unknown.contentType().startsWith("application/json"), path);
            assertEquals("not_found", unknown.json().getString("error"), unknown.body());
        }
        for (String points : List.of("0", "-1", "1001", "abc", "1.5")) {
            Http.Reply bad = Http.get(base, "api/market/AAPL/history?points=" + points);
            assertEquals(400, bad.status(), points + " " + bad.body());
            assertEquals("invalid_request", bad.json().getString("error"), bad.body());
        }
        assertEquals(400, Http.get(base, "api/market/AAPL/history?interval=0").status());
        assertEquals(200, Http.get(base, "api/market/AAPL/history?points=1000&interval=86400").status());

        // The catalog the pages offer.
        JsonArray assets = Http.get(base, "api/market").json().getJsonArray("assets");
        assertTrue(assets.stream().map(JsonValue::asJsonObject).anyMatch(a -> a.getString("symbol").equals("SYMBOL_XYZ")), assets.toString());
        assertTrue(assets.stream().map(JsonValue::asJsonObject).allMatch(a -> a.getJsonNumber("price").doubleValue() > 0), assets.toString());
    }

    @Test
    void theDashboardIsServedUnderThePolicyWithoutInlineScript() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(Http.uri(base, "realtime/dashboard/").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertFalse(TicksPageIT.INLINE_SCRIPT.matcher(page.body()).find(), "inline script in the dashboard");
        assertTrue(page.body().contains("name=\"viewport\""), "a viewport meta for phones");
        Http.Reply api = Http.get(base, "api/market/AAPL/history?points=1");
        assertEquals(200, api.status());
    }

    // ---- the page

    /** Logs the browser in as {@code account} by handing it the account's session cookie. */
    private void logIn(AccountSession account) {
        browser.get(Http.uri(base, "favicon.svg").toString());
        browser.manage().deleteAllCookies();
        String header = account.cookieHeader().get("Cookie");
        for (String pair : header.split(";\\s*")) {
            int eq = pair.indexOf('=');
            browser.manage().addCookie(new Cookie(pair.substring(0, eq), pair.substring(eq + 1), "/"));
        }
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    @Test
    void desktopChartOpensWithHistoryContinuesLiveAndThePortfolioMoves() {
        AccountSession owner = AccountSession.newUser(base, "investor");
        Http.Session user = Http.Session.login(base, owner.username(), AccountSession.PASSWORD);
        HttpResponse<String> created = owner.post("api/portfolios", "{\"name\":\"Growth\"}");
        assertEquals(201, created.statusCode(), created.body());
        long portfolio = WsClient.parse(created.body()).getJsonNumber("id").longValue();
        assertEquals(200, owner.post("api/portfolios/" + portfolio + "/positions", "{\"symbol\":\"AAPL\",\"quantity\":10}").statusCode());
        for (int i = 0; i < 4; i++) {
            force(user, "AAPL");
        }
        int stored = Http.get(base, "api/market/AAPL/history?points=300").json().getJsonArray("prices").size();

        PageBrowser.desktop(browser);
        logIn(owner);
        // Room for the portfolio among the socket's subscriptions (the tests allow MAX_SUBSCRIPTIONS_PER_CONNECTION).
        List<String> symbols = List.of("AAPL", "GOOGL", "MSFT", "AMZN", "TSLA", "NVDA").subList(0, maxSubscriptions() - 1);
        browser.get(Http.uri(base, "realtime/dashboard/?symbols=" + String.join(",", symbols)).toString());
        assertEquals("Markets · Pulse", browser.getTitle());
        WsClient.eventually(() -> assertEquals("connected", text("state")));

        // The chart opens with the stored history (plus the current price the socket adds), not empty.
        WsClient.eventually(() -> assertEquals("loaded", chart("history")));
        WsClient.eventually(() -> assertTrue(Integer.parseInt(chart("points")) >= stored, chart("points") + " < " + stored));
        assertEquals("AAPL", chart("symbol"));
        assertTrue(text("chart-info").contains("prices since"), text("chart-info"));
        assertFalse(browser.findElements(By.cssSelector("#chart canvas")).isEmpty(), "the chart is drawn");
        assertSaneTimeAxis();

        // Every row gets its price; the user's portfolio shows with its value.
        for (String symbol : symbols) {
            WsClient.eventually(() -> assertFalse(browser.findElement(By.cssSelector("#row-" + symbol + " .price")).getText().equals("–"), symbol));
        }
        By value = By.cssSelector("#portfolio-" + portfolio + " .value");
        WsClient.eventually(() -> assertFalse(browser.findElements(value).isEmpty(), text("portfolios")));
        assertTrue(browser.findElement(By.id("portfolio-" + portfolio)).getText().contains("Growth"));

        // A new price: the table, the chart and the portfolio's value follow live. (The feed may reprice
        // AAPL meanwhile too: the page must show whatever price is stored last.)
        int points = Integer.parseInt(chart("points"));
        force(user, "AAPL");
        WsClient.eventually(() -> {
            double price = Http.get(base, "api/market/AAPL/history?points=1").json().getJsonArray("prices")
                    .getJsonObject(0).getJsonNumber("price").doubleValue();
            assertEquals(money(price), browser.findElement(By.cssSelector("#row-AAPL .price")).getText());
            assertTrue(Integer.parseInt(chart("points")) > points);
            assertEquals(String.format(Locale.US, "%,.2f", price * 10), browser.findElement(value).getText());
        });
        assertSaneTimeAxis();

        // Candles: the same symbol as OHLC bars.
        browser.findElement(By.id("mode-candles")).click();
        WsClient.eventually(() -> assertEquals("candles", chart("mode")));
        assertTrue(Integer.parseInt(chart("candles")) >= 1);
        assertEquals("true", browser.findElement(By.id("mode-candles")).getAttribute("aria-pressed"));
        assertSaneTimeAxis();
        PageBrowser.assertNoHorizontalOverflow(browser, 1280);
        PageBrowser.screenshot(browser, "markets-desktop-candles");
        browser.findElement(By.id("mode-line")).click();
        WsClient.eventually(() -> assertEquals("line", chart("mode")));
        PageBrowser.screenshot(browser, "markets-desktop");

        // Another symbol: its own history.
        browser.findElement(By.id("row-MSFT")).click();
        WsClient.eventually(() -> {
            assertEquals("MSFT", chart("symbol"));
            assertEquals("loaded", chart("history"));
        });
        assertEquals("MSFT", text("chart-title"));

        // A portfolio made on the page: created, given a holding, listed with its value.
        browser.findElement(By.id("portfolio-name")).sendKeys("Income");
        browser.findElement(By.id("portfolio-create")).click();
        WsClient.eventually(() -> assertTrue(text("portfolios").contains("Income"), text("portfolios")));
        assertEquals("Income", new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("holding-portfolio")))
                .getFirstSelectedOption().getText());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("holding-symbol"))).selectByValue("MSFT");
        browser.findElement(By.id("holding-quantity")).sendKeys("2");
        browser.findElement(By.id("holding-set")).click();
        WsClient.eventually(() -> assertTrue(text("portfolios").contains("2 MSFT"), text("portfolios")));
        JsonObject income = WsClient.parse(owner.get("api/portfolios").body()).getJsonArray("portfolios").stream()
                .map(JsonValue::asJsonObject).filter(p -> p.getString("name").equals("Income")).findFirst().orElseThrow();
        assertEquals(1, income.getJsonArray("positions").size(), income.toString());
        assertTrue(income.getJsonNumber("total_value").doubleValue() > 0, income.toString());
        assertFalse(browser.findElement(By.cssSelector("#portfolio-" + income.getJsonNumber("id").longValue() + " .value")).getText().isEmpty());

        // The chart follows the theme toggle.
        String theme = PageBrowser.toggleTheme(browser);
        WsClient.eventually(() -> assertEquals(theme, chart("theme")));
        PageBrowser.screenshot(browser, "markets-desktop-" + theme);
        PageBrowser.toggleTheme(browser);

        assertTrue(PageBrowser.severeConsoleEntries(browser).isEmpty(), () -> "console errors: " + PageBrowser.severeConsoleEntries(browser));

        // One symbol more and the socket has no room left for the portfolio: the page says so instead of pretending.
        List<String> full = List.of("AAPL", "GOOGL", "MSFT", "AMZN", "TSLA", "NVDA", "META", "NFLX").subList(0, maxSubscriptions());
        browser.get(Http.uri(base, "realtime/dashboard/?symbols=" + String.join(",", full)).toString());
        WsClient.eventually(() -> {
            assertTrue(browser.findElement(By.id("portfolio-" + portfolio)).getText().contains("not live"), text("portfolios"));
            assertTrue(browser.findElement(By.id("subscription-note")).isDisplayed());
        });
        assertFalse(browser.findElement(By.cssSelector("#portfolio-" + portfolio + " .value")).getText().isEmpty(),
                "the value as last loaded still shows");
    }

    private static int maxSubscriptions() {
        return Integer.parseInt(TestEnvironment.env("MAX_SUBSCRIPTIONS_PER_CONNECTION"));
    }

    /**
     * The x axis spans the data (at least a minute), from its oldest point to its newest, which is now:
     * never the library's default range of years around a single point.
     */
    @SuppressWarnings("unchecked")
    private void assertSaneTimeAxis() {
        List<Number> axis = (List<Number>) browser.executeScript(
                "var c = echarts.getInstanceByDom(document.getElementById('chart'));"
                + "var extent = c.getModel().getComponent('xAxis').axis.scale.getExtent();"
                + "var data = c.getOption().series[0].data;"
                + "return [extent[0], extent[1], data[0][0], data[data.length - 1][0]];");
        long min = axis.get(0).longValue();
        long max = axis.get(1).longValue();
        long oldest = axis.get(2).longValue();
        long newest = axis.get(3).longValue();
        String range = Instant.ofEpochMilli(min) + " .. " + Instant.ofEpochMilli(max) + " for data "
                + Instant.ofEpochMilli(oldest) + " .. " + Instant.ofEpochMilli(newest);
        assertTrue(max - min >= 60_000, "x axis at least a minute: " + range);
        assertTrue(min <= oldest && min >= oldest - 30 * 60_000L, "x axis starts at the oldest point: " + range);
        assertTrue(max >= newest && max - newest <= 2 * 60_000L, "x axis ends at the newest point: " + range);
        assertTrue(Math.abs(System.currentTimeMillis() - max) < 10 * 60_000L, "x axis ends now: " + range);
    }

    @Test
    void phoneShowsTheDashboardWithoutSidewaysScrolling() {
        PageBrowser.phone(browser);
        try {
            browser.get(Http.uri(base, "favicon.svg").toString());
            browser.manage().deleteAllCookies();
            browser.get(Http.uri(base, "realtime/dashboard/").toString());
            WsClient.eventually(() -> assertEquals("connected", text("state")));
            WsClient.eventually(() -> assertEquals("loaded", chart("history")));
            WsClient.eventually(() -> assertFalse(browser.findElement(By.cssSelector("#row-AAPL .price")).getText().equals("–")));
            // Anonymous: an invitation to log in instead of portfolios.
            WsClient.eventually(() -> assertTrue(text("portfolios").contains("Log in"), text("portfolios")));
            PageBrowser.assertNoHorizontalOverflow(browser, 390);
            PageBrowser.screenshot(browser, "markets-phone");
            assertTrue(PageBrowser.severeConsoleEntries(browser).isEmpty(), () -> "console errors: " + PageBrowser.severeConsoleEntries(browser));
        } finally {
            PageBrowser.desktop(browser);
        }
    }
}
