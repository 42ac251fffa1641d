package dev.pulse.infrastructure.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.Browser;
import dev.pulse.support.PageTest;
import dev.pulse.support.Pages;
import dev.pulse.support.TestEnvironment;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 10's acceptance as one walk, on a desktop and on a 390 px phone: from the start page, and
 * without typing another URL, a new user registers, watches ticks, candles and trades move, watches
 * prices, chats with a second user, sees an admin's notification arrive with the badge, marks it
 * seen and logs out. The second user is a socket; the admin is a second Chromium on the JSF page.
 */
class NewUserJourneyIT extends PageTest {

    @Test
    void onADesktop() {
        walk(Pages.DESKTOP, "desktop");
    }

    @Test
    void onAPhone() {
        walk(Pages.PHONE, "phone");
    }

    private void walk(Dimension size, String device) {
        Pages.size(browser, size);
        browser.get(Pages.root(base));

        // Register from the start page.
        Pages.await(browser, By.id("start-register")).click();
        String name = AccountSession.uniqueName("newcomer");
        Pages.await(browser, By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(AccountSession.PASSWORD);
        browser.findElement(By.cssSelector("#register button[type=submit]")).click();
        awaitLoggedInAs(name);

        // Ticks, candles and trades move.
        go("nav-ticks");
        Pages.awaitText(browser, By.id("tick-state"), "connected");
        browser.findElement(By.id("start")).click();
        Pages.awaitText(browser, By.id("tick-state"), "streaming");
        WsClient.eventually(() -> assertTrue(number("tick-count") >= 3, "ticks: " + text("tick-count")));
        WsClient.eventually(() -> assertTrue(number("candle-count") >= 1, "candles: " + text("candle-count")));
        WsClient.eventually(() -> assertTrue(number("trade-total") >= 1, "trades: " + text("trade-total")));
        Pages.assertNoHorizontalOverflow(browser);
        Pages.screenshot(browser, "journey-" + device + "-ticks");
        browser.findElement(By.id("stop")).click();
        Pages.awaitText(browser, By.id("tick-state"), "stopped");

        // Prices move.
        go("nav-markets");
        WsClient.eventually(() -> assertFalse(text("#row-AAPL .price").equals("–"), "no AAPL price yet"));
        String before = text("#row-AAPL .price");
        AccountSession me = new AccountSession(base);
        assertEquals(200, me.post("api/accounts/login", AccountSession.credentials(name, AccountSession.PASSWORD)).statusCode());
        WsClient.eventually(() -> {
            me.post("api/realtime/force_price_update/", "{\"symbols\": [\"AAPL\"]}");
            assertFalse(text("#row-AAPL .price").equals(before), "AAPL still " + before);
        });
        Pages.assertNoHorizontalOverflow(browser);
        Pages.screenshot(browser, "journey-" + device + "-markets");

        // Chat with a second user.
        AccountSession friend = AccountSession.newUser(base, "friend");
        go("nav-chat");
        Pages.await(browser, By.id("with")).sendKeys(friend.username());
        browser.findElement(By.cssSelector("#start button[type=submit]")).click();
        Pages.awaitText(browser, By.id("connection"), "connected");
        assertEquals(friend.username(), text("#room-name"));
        String room = friend.post("api/chat/private/" + name, null).body();
        String roomName = WsClient.parse(room).getString("room");
        try (WsClient friendSocket = friend.connect("ws/rooms/" + roomName + "/")) {
            String hello = "hello from " + friend.username();
            friendSocket.send("{\"body\": \"" + hello + "\"}");
            Pages.awaitText(browser, By.cssSelector("#messages"), hello);
            String reply = "hi " + friend.username();
            browser.findElement(By.id("body")).sendKeys(reply);
            browser.findElement(By.cssSelector("#send button")).click();
            JsonObject received = friendSocket.nextJson(frame -> "message".equals(frame.getString("event", ""))
                    && reply.equals(frame.getJsonObject("message").getString("body")));
            assertEquals(name, received.getJsonObject("message").getString("author"));
        }
        Pages.assertNoHorizontalOverflow(browser);
        Pages.screenshot(browser, "journey-" + device + "-chat");

        // An admin's notification arrives with the badge; it is marked seen.
        long baseline = forEveryone();
        String message = "Welcome aboard " + UUID.randomUUID();
        sendAsAdmin(message, name);
        // What the user sees: the badge on Notifications, or on the menu button when the menu is folded.
        WsClient.eventually(() -> assertEquals(String.valueOf(baseline + 1), shownBadge()));
        go("nav-notifications");
        Pages.awaitText(browser, By.cssSelector("#notifications li.unseen .message"), message);
        Pages.screenshot(browser, "journey-" + device + "-notifications");
        browser.findElement(By.id("mark-all")).click();
        Pages.awaitText(browser, By.id("unseen-summary"), "All seen");
        WsClient.eventually(() -> assertEquals("", shownBadge(), "the badge still shows"));
        Pages.assertNoHorizontalOverflow(browser);

        // Log out.
        go("logout");
        Pages.await(browser, By.id("start-register"));
        assertTrue(browser.findElements(By.id("current-user")).isEmpty(), "still named in the header after Log out");
        Object status = browser.executeAsyncScript("const done = arguments[0];"
                + "fetch('/api/accounts/me', {credentials: 'same-origin'}).then(r => done(r.status));");
        assertEquals(401L, ((Number) status).longValue(), "the browser's session survived Log out");
    }

    /** The unseen count the header shows, wherever it is visible ("" when none is). */
    private String shownBadge() {
        return browser.findElements(By.cssSelector("#unseen-badge, #menu-badge")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).findFirst().orElse("");
    }

    /** Clicks a header item; on a phone the menu opens first. */
    private void go(String id) {
        WebElement target = Pages.awaitPresent(browser, By.id(id));
        if (!target.isDisplayed()) {
            browser.findElement(By.id("menu-toggle")).click();
        }
        Pages.await(browser, By.id(id)).click();
    }

    private void awaitLoggedInAs(String name) {
        WsClient.eventually(() -> assertEquals(name, browser.findElement(By.id("current-user")).getAttribute("textContent")));
    }

    private String text(String idOrSelector) {
        By locator = idOrSelector.startsWith("#") || idOrSelector.contains(" ") ? By.cssSelector(idOrSelector) : By.id(idOrSelector);
        return browser.findElement(locator).getText();
    }

    private long number(String id) {
        String text = text(id).replaceAll("[^0-9]", "");
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    private void sendAsAdmin(String message, String audience) {
        ChromeDriver admin = Browser.start();
        try {
            Pages.logIn(admin, base, "admin", TestEnvironment.adminPassword());
            admin.findElement(By.id("nav-admin")).click();
            Pages.await(admin, By.id("form:message")).sendKeys(message);
            admin.findElement(By.id("form:audience")).sendKeys(audience);
            admin.findElement(By.id("form:send")).click();
            Pages.awaitText(admin, By.id("messages"), "Sent notification #");
        } finally {
            admin.quit();
        }
    }

    /** A fresh user's unseen count before anything is addressed to them: the notifications for everyone (a stored fact). */
    private static long forEveryone() {
        try (Connection db = TestEnvironment.database(); Statement query = db.createStatement();
                ResultSet row = query.executeQuery("SELECT count(*) FROM notification WHERE audience IS NULL")) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
