package dev.pulse.infrastructure.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.Browser;
import dev.pulse.support.Pages;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** Pages as an attacker reaches them: protected views by any URL, script injection, the CSP on every page. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebSecurityIT {

    static final String ADMIN_PASSWORD = System.getProperty("pulse.it.adminPassword", "it-admin-secret");
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** A script element without src, or an on...= event handler attribute. */
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    static ChromeDriver browser;

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private AccountSession admin() {
        AccountSession admin = new AccountSession(base);
        assertEquals(200, admin.post("api/accounts/login", AccountSession.credentials("admin", ADMIN_PASSWORD)).statusCode());
        return admin;
    }

    private static boolean servesAdminContent(HttpResponse<String> response) {
        return response.statusCode() == 200 && (response.body().contains("form:send") || response.body().contains("id=\"recent\""));
    }

    @Test
    void theAdminViewIsAdminOnlyByEveryUrlThatReachesIt() {
        List<String> spellings = List.of("admin/notifications.xhtml", "faces/admin/notifications.xhtml",
                "faces/faces/admin/notifications.xhtml", "ADMIN/notifications.xhtml", "Admin/notifications.xhtml",
                "admin;x=1/notifications.xhtml", "admin/notifications.xhtml;jsessionid=x", "admin/notifications.xhtml.",
                "admin./notifications.xhtml", "admin/./notifications.xhtml", "x/../admin/notifications.xhtml",
                "%61dmin/notifications.xhtml", "admin/notifications.jsf", "admin/notifications.faces",
                "faces/admin/notifications.jsf", "faces/admin/notifications", "admin//notifications.xhtml");
        AccountSession anonymous = new AccountSession(base);
        AccountSession user = AccountSession.newUser(base, "nosy");
        for (String path : spellings) {
            assertFalse(servesAdminContent(anonymous.get(path)), "anonymous caller got the admin view at /" + path);
            assertFalse(servesAdminContent(user.get(path)), "a plain user got the admin view at /" + path);
        }
        HttpResponse<String> viaFaces = user.get("faces/admin/notifications.xhtml");
        assertEquals(403, viaFaces.statusCode());
        assertTrue(servesAdminContent(admin().get("admin/notifications.xhtml")), "the admin no longer gets the page");
    }

    @Test
    void everyPageCarriesAPolicyWithoutInlineScriptAndHasNone() {
        AccountSession admin = admin();
        for (String path : List.of("", "index.html", "accounts/login.html", "accounts/register.html", "chat/", "chat/room.html",
                "realtime/dashboard/", "realtime/test/", "admin/notifications.xhtml", "no-such-page.html", "api/accounts/me",
                "notifications/", "console/", "ticks/", "errors/403.html")) {
            HttpResponse<String> page = admin.get(path);
            assertEquals(CSP, page.headers().firstValue("Content-Security-Policy").orElse("(none)"), "/" + path);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse("(none)"), "/" + path);
            assertFalse(INLINE_SCRIPT.matcher(page.body()).find(), "inline script in /" + path);
        }
    }

    @Test
    void theDashboardShowsSymbolsFromTheUrlAsText() {
        String payload = "<img src=x onerror=\"document.title='pwned'\">";
        browser.manage().deleteAllCookies();
        browser.get(base + "realtime/dashboard/?symbols=" + java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8) + ",AAPL");
        
        // The page still works under its policy: the socket connects and prices arrive.
        Pages.until(browser, driver -> "connected".equals(driver.findElement(By.id("state")).getText()));
        // Shown as text (upper-cased, as the server names symbols), never parsed as HTML.
        assertEquals(payload.toUpperCase(java.util.Locale.ROOT), browser.findElement(By.cssSelector("#prices tbody tr td.symbol")).getText());
        assertEquals(0, browser.findElements(By.cssSelector("#prices img")).size());
        assertEquals("Markets · Pulse", browser.getTitle());
    }
}
