package dev.pulse.infrastructure.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.PageTest;
import dev.pulse.support.Pages;
import dev.pulse.support.TestEnvironment;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web app's shared layout in a real Chromium (issue 10): the start page speaks to visitors, one
 * header on every page (navigation, who is logged in, Admin only for admins, Log out), a theme
 * remembered per browser, friendly error pages, a favicon, and every page usable at 390 px.
 */
class WebAppIT extends PageTest {

    /** Every page a visitor or user reaches from the header, static and JSF. */
    private static final List<String> PAGES = List.of("", "accounts/login.html", "accounts/register.html", "chat/",
            "chat/room.html?room=lobby", "notifications/", "console/", "no-such-page");


    private String root() {
        return Pages.root(base);
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector("#site-header nav a")).stream().map(WebElement::getText)
                .map(text -> text.replaceAll("\\s*\\d+$", "")).toList();
    }

    @Test
    void aVisitorIsToldWhatPulseIsAndOfferedAnAccountWithoutTypingAUrl() {
        browser.get(root());
        Pages.await(browser, By.id("header-login"));
        assertEquals(List.of("Markets", "Ticks", "Chat", "Notifications"), navigation(), "a visitor sees no Admin link");
        assertTrue(browser.findElement(By.cssSelector("main h1")).getText().contains("Pulse"));
        assertEquals(List.of("Markets", "Ticks", "Chat", "Notifications"), browser.findElements(By.cssSelector("#sections h2"))
                .stream().map(WebElement::getText).toList());
        Pages.screenshot(browser, "start-desktop");

        browser.findElement(By.id("start-register")).click();
        Pages.await(browser, By.cssSelector("#register button[type=submit]"));
        String name = AccountSession.uniqueName("visitor");
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(AccountSession.PASSWORD);
        browser.findElement(By.cssSelector("#register button[type=submit]")).click();
        Pages.awaitText(browser, By.id("current-user"), name);

        browser.get(root());
        Pages.awaitText(browser, By.id("greeting"), "Welcome back, " + name + ".");
        assertFalse(browser.findElement(By.id("get-started")).isDisplayed(), "a logged-in user is not offered an account");
    }

    @Test
    void theHeaderShowsTheUserWithLogOutAndTheAdminLinkOnlyToAdmins() {
        AccountSession user = AccountSession.newUser(base, "header");
        Pages.logIn(browser, base, user.username(), AccountSession.PASSWORD);
        assertEquals(List.of("Markets", "Ticks", "Chat", "Notifications"), navigation());

        browser.findElement(By.id("logout")).click();
        Pages.await(browser, By.id("header-login"));
        assertEquals(401, new AccountSession(base).get("api/accounts/me").statusCode(), "control: an anonymous caller is 401");
        assertTrue(browser.findElements(By.id("current-user")).isEmpty(), "the header still names a user after Log out");

        Pages.logIn(browser, base, "admin", TestEnvironment.adminPassword());
        Pages.awaitText(browser, By.id("nav-admin"), "Admin");
        browser.findElement(By.id("nav-admin")).click();
        Pages.await(browser, By.id("form:send"));
        // The admin page has the same header, so the admin can leave and log out from it.
        assertEquals("admin", browser.findElement(By.id("current-user")).getText());
        browser.findElement(By.id("logout")).click();
        Pages.await(browser, By.id("header-login"));
    }

    @Test
    void theSessionProbeAnswersVisitorsWithoutAnError() {
        HttpResponse<String> visitor = new AccountSession(base).get("api/accounts/session");
        assertEquals(200, visitor.statusCode());
        assertEquals("{\"authenticated\":false}", visitor.body().replace(" ", ""));
        AccountSession user = AccountSession.newUser(base, "probe");
        jakarta.json.JsonObject known = dev.pulse.support.WsClient.parse(user.get("api/accounts/session").body());
        assertEquals(true, known.getBoolean("authenticated"));
        assertEquals(user.username(), known.getString("username"));
        assertEquals(List.of("user"), known.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString));

        // A visitor's page load leaves nothing in the browser console.
        browser.get(root());
        Pages.await(browser, By.id("header-login"));
        assertEquals(List.of(), browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList());
    }

    @Test
    void theThemeToggleIsRememberedByTheBrowser() {
        browser.get(root());
        WebElement toggle = Pages.await(browser, By.id("theme-toggle"));
        String before = theme();
        toggle.click();
        String after = theme();
        assertEquals("light".equals(before) ? "dark" : "light", after);
        browser.get(root() + "chat/");
        Pages.await(browser, By.id("theme-toggle"));
        assertEquals(after, theme(), "another page forgot the theme");
        browser.navigate().refresh();
        assertEquals(after, theme(), "a reload forgot the theme");
        Pages.screenshot(browser, "start-" + after);
    }

    private String theme() {
        return (String) browser.executeScript("return document.documentElement.dataset.theme;");
    }

    @Test
    void errorPagesAreFriendlyAndKeepTheirStatus() {
        AccountSession user = AccountSession.newUser(base, "errors");
        HttpResponse<String> missing = user.get("no-such-page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Page not found"), missing.body());
        assertTrue(missing.headers().firstValue("Content-Security-Policy").isPresent(), "the error page has no CSP");
        HttpResponse<String> forbidden = user.get("admin/notifications.xhtml");
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.body().contains("Not allowed"), forbidden.body());
        // The API keeps its JSON errors.
        HttpResponse<String> api = new AccountSession(base).get("api/accounts/me");
        assertEquals(401, api.statusCode());
        assertTrue(api.body().startsWith("{"), api.body());

        browser.get(root() + "no-such-page");
        Pages.awaitText(browser, By.id("error-title"), "Page not found");
        Pages.await(browser, By.id("brand"));
        Pages.screenshot(browser, "error-404");

        HttpResponse<String> icon = user.get("favicon.ico");
        assertEquals(200, icon.statusCode());
        assertEquals("image/x-icon", icon.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void everyPageFitsAPhoneAndItsMenuOpens() {
        AccountSession user = AccountSession.newUser(base, "phone");
        Pages.logIn(browser, base, user.username(), AccountSession.PASSWORD);
        Pages.size(browser, Pages.PHONE);
        for (String page : PAGES) {
            browser.get(root() + page);
            Pages.await(browser, By.id("menu-toggle"));
            Pages.assertNoHorizontalOverflow(browser);
        }
        browser.get(root());
        WebElement markets = browser.findElement(By.id("nav-markets"));
        assertFalse(markets.isDisplayed(), "the navigation is folded into the menu on a phone");
        browser.findElement(By.id("menu-toggle")).click();
        Pages.await(browser, By.id("nav-markets"));
        Pages.await(browser, By.id("logout"));
        Pages.screenshot(browser, "start-phone-menu");
    }

    @Test
    void theSocketConsoleIsADeveloperToolThatCannotSendBeforeConnecting() {
        browser.get(root());
        browser.findElement(By.id("console-link")).click();
        WebElement send = Pages.await(browser, By.id("send"));
        assertFalse(send.isEnabled(), "Send before Connect");
        browser.findElement(By.id("connect")).click();
        Pages.awaitText(browser, By.id("state"), "connected");
        WebElement frame = browser.findElement(By.id("frame"));
        frame.clear();
        frame.sendKeys("{\"message\": \"console check\"}");
        browser.findElement(By.id("send")).click();
        Pages.awaitText(browser, By.id("log"), "You said: console check");
    }
}
