package dev.pulse.account;

import static dev.pulse.account.AccountSession.credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.support.Browser;
import dev.pulse.support.Pages;
import dev.pulse.support.WsClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Accounts as an attacker and a new user try them: cookies, passwords, redirects after login, login timing. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountSecurityIT {

    static final String COMMON = "Password is too common: choose one that is not on lists of often used passwords";
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

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        AccountSession visitor = new AccountSession(base);
        String name = AccountSession.uniqueName("cookie");
        assertEquals(201, visitor.post("api/accounts/register", credentials(name, AccountSession.PASSWORD)).statusCode());
        HttpResponse<String> login = visitor.post("api/accounts/login", credentials(name, AccountSession.PASSWORD));
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + login.headers().map()));
        // Attribute names and values are case-insensitive (RFC 6265): compared in lower case.
        Set<String> attributes = Arrays.stream(cookie.split(";")).skip(1).map(a -> a.trim().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=lax"), cookie);
        // Served over plain http here: Secure would make the browser drop it.
        assertFalse(attributes.contains("secure"), cookie);
    }

    @Test
    void weakPasswordsAreRefusedWithTheReason() {
        AccountSession visitor = new AccountSession(base);
        String name = AccountSession.uniqueName("weak");
        assertRefused(visitor, name, "12345678", COMMON);
        assertRefused(visitor, name, "password", COMMON);
        assertRefused(visitor, name, "Password123", COMMON);
        assertRefused(visitor, name, name, "Password must not contain the username");
        assertRefused(visitor, name, "        ", "Password must not be only spaces");
        assertRefused(visitor, name, "short", "Password must be 8 to 128 characters");
        assertEquals(201, visitor.post("api/accounts/register", credentials(name, "plain lowercase words")).statusCode());

        AccountSession owner = new AccountSession(base);
        assertEquals(200, owner.post("api/accounts/login", credentials(name, "plain lowercase words")).statusCode());
        HttpResponse<String> change = owner.post("api/accounts/password",
                "{\"current_password\":\"plain lowercase words\",\"new_password\":\"12345678\"}");
        assertEquals(400, change.statusCode());
        assertEquals(COMMON.replace("Password", "New password"), WsClient.parse(change.body()).getString("error"));
    }

    private static void assertRefused(AccountSession visitor, String name, String password, String reason) {
        HttpResponse<String> refused = visitor.post("api/accounts/register", credentials(name, password));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals(reason, WsClient.parse(refused.body()).getString("error"));
    }

    @Test
    void theRegisterPageShowsWhyAPasswordIsRefused() {
        browser.manage().deleteAllCookies();
        browser.get(base + "accounts/register.html");
        browser.findElement(By.id("username")).sendKeys(AccountSession.uniqueName("page"));
        browser.findElement(By.id("password")).sendKeys("password1");
        browser.findElement(By.cssSelector("#register button[type=submit]")).click();
        Pages.until(browser, ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertEquals(COMMON, browser.findElement(By.id("error")).getText());
    }

    @Test
    void afterLoginNextNeverLeadsToAnotherSite() {
        AccountSession user = AccountSession.newUser(base, "next");
        String home = base.toExternalForm().endsWith("/") ? base.toExternalForm() : base.toExternalForm() + "/";
        assertEquals(home, loginInBrowser(user.username(), "/%5Cevil.example/phish"));
        assertEquals(home, loginInBrowser(user.username(), "/%09/evil.example"));
        assertEquals(home, loginInBrowser(user.username(), "//evil.example/"));
        assertEquals(home, loginInBrowser(user.username(), "https://evil.example/"));
        assertEquals(home + "chat/room.html?room=public-chat", loginInBrowser(user.username(), "/chat/room.html%3Froom%3Dpublic-chat"));
    }

    /** Logs in on the login page with {@code ?next=rawNext}; answers the URL the browser went to. */
    private String loginInBrowser(String username, String rawNext) {
        browser.manage().deleteAllCookies();
        browser.get(base + "accounts/login.html?next=" + rawNext);
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(AccountSession.PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        Pages.until(browser, driver -> !driver.getCurrentUrl().contains("/accounts/login.html"));
        return browser.getCurrentUrl();
    }

    /**
     * A failed login costs the same whether the name exists or not (one password hash either way).
     * Compared, not timed: the median for unknown names must be at least half that for known ones;
     * without the dummy hash it was a sixth.
     */
    @Test
    void loginTakesAsLongForUnknownNamesAsForKnownOnes() {
        List<AccountSession> known = List.of(AccountSession.newUser(base, "timed"), AccountSession.newUser(base, "timed"),
                AccountSession.newUser(base, "timed"));
        AccountSession attacker = new AccountSession(base);
        // Warm both paths up once.
        attacker.post("api/accounts/login", credentials(known.get(0).username(), "wrong-password-0"));
        attacker.post("api/accounts/login", credentials(AccountSession.uniqueName("ghost"), "wrong-password-0"));
        List<Long> existing = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            for (AccountSession user : known) {
                existing.add(failedLoginNanos(attacker, user.username(), round));
                unknown.add(failedLoginNanos(attacker, AccountSession.uniqueName("ghost"), round));
            }
        }
        long existingMedian = median(existing);
        long unknownMedian = median(unknown);
        assertTrue(unknownMedian * 2 >= existingMedian,
                "unknown names answer in " + unknownMedian / 1_000_000 + " ms, known ones in " + existingMedian / 1_000_000 + " ms");
    }

    private static long failedLoginNanos(AccountSession client, String username, int round) {
        long start = System.nanoTime();
        HttpResponse<String> refused = client.post("api/accounts/login", credentials(username, "wrong-password-" + round));
        long took = System.nanoTime() - start;
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("Wrong username or password", WsClient.parse(refused.body()).getString("error"));
        return took;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
