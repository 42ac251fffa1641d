package dev.pulse.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.Browser;
import dev.pulse.support.Pages;
import dev.pulse.support.TestEnvironment;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
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

/**
 * Notifications end to end: an admin writes one on the JSF page in a real Chromium, the
 * addressed users' sockets receive their new unseen counts, marking seen pushes the next count.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NotificationIT {

    static final String ADMIN_PASSWORD = dev.pulse.support.TestEnvironment.adminPassword();
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

    private void logInInBrowserAsAdmin() {
        browser.manage().deleteAllCookies();
        browser.get(base + "accounts/login.html?next=/admin/notifications.xhtml");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        Pages.until(browser, ExpectedConditions.presenceOfElementLocated(By.id("form:send")));
    }

    private void sendFromAdminPage(String message, String audience) {
        browser.findElement(By.id("form:message")).clear();
        browser.findElement(By.id("form:message")).sendKeys(message);
        browser.findElement(By.id("form:audience")).clear();
        browser.findElement(By.id("form:audience")).sendKeys(audience);
        browser.findElement(By.id("form:send")).click();
    }

    private static long count(JsonObject frame) {
        return frame.getJsonNumber("count").longValue();
    }

    /** A stored fact: how many notifications a query of the test database counts. */
    private static long stored(String sql) {
        try (Connection db = TestEnvironment.database(); Statement query = db.createStatement(); ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** When notification {@code id} was stored, as the database has it, in the wire form {@code uuuu-MM-ddTHH:mm:ss.SSSZ}. */
    private static String storedCreatedAt(long id) {
        try (Connection db = TestEnvironment.database();
             java.sql.PreparedStatement query = db.prepareStatement("SELECT created_at FROM notification WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "notification " + id + " is not stored");
                java.time.Instant stored = row.getObject(1, java.time.OffsetDateTime.class).toInstant();
                return java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                        .withZone(java.time.ZoneOffset.UTC).format(stored);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A fresh user has seen nothing: every notification for everyone is unseen, and none is addressed to them yet. */
    private static long forEveryone() {
        return stored("SELECT count(*) FROM notification WHERE audience IS NULL");
    }

    /** The seed's count: notifications nobody has seen yet. */
    private static long seenByNobody() {
        return stored("SELECT count(*) FROM notification n WHERE NOT EXISTS (SELECT 1 FROM notification_seen s WHERE s.notification_id = n.id)");
    }

    @Test
    void anAdminNotificationForOneUserReachesOnlyThatUserAndSeenLowersTheCount() {
        AccountSession alice = AccountSession.newUser(base, "alice");
        AccountSession bob = AccountSession.newUser(base, "bob");
        try (WsClient aliceSocket = alice.connect("ws/notifications/");
             WsClient bobSocket = bob.connect("ws/notifications/")) {
            long aliceBefore = count(aliceSocket.nextJson());
            long bobBefore = count(bobSocket.nextJson());
            assertEquals(forEveryone(), aliceBefore, "a fresh user's unseen count");
            assertEquals(forEveryone(), bobBefore, "a fresh user's unseen count");

            logInInBrowserAsAdmin();
            String message = "Maintenance at noon " + UUID.randomUUID();
            sendFromAdminPage(message, alice.username());

            JsonObject pushed = aliceSocket.nextJson();
            assertEquals(aliceBefore + 1, count(pushed));
            assertEquals(message, pushed.getString("current_notification"));
            Pages.until(browser, ExpectedConditions.textToBePresentInElementLocated(By.id("recent"), message));

            JsonObject listed = WsClient.parse(alice.get("api/notifications").body());
            JsonObject item = listed.getJsonArray("notifications").stream().map(v -> v.asJsonObject())
                    .filter(n -> n.getString("message").equals(message)).findFirst().orElseThrow();
            long id = item.getJsonNumber("id").longValue();
            // The wire form of every timestamp (docs/notifications.md): UTC, exactly three fraction digits.
            assertEquals(storedCreatedAt(id), item.getString("created_at"));
            HttpResponse<String> seen = alice.post("api/notifications/" + id + "/seen", null);
            assertEquals(200, seen.statusCode(), seen.body());
            assertEquals(aliceBefore, count(aliceSocket.nextJson()));

            // Bob was not addressed: his notifications never list it and his socket got nothing.
            assertTrue(bob.get("api/notifications").body().indexOf(message) < 0);
            assertEquals(404, bob.post("api/notifications/" + id + "/seen", null).statusCode());
            assertEquals(bobBefore, count(WsClient.parse(bob.get("api/notifications").body())));
            // Barrier: a notification for bob now is the very next frame his socket gets.
            String forBob = "For bob only " + UUID.randomUUID();
            sendFromAdminPage(forBob, bob.username());
            JsonObject bobsNext = bobSocket.nextJson();
            assertEquals(forBob, bobsNext.getString("current_notification"), "bob's next frame: " + bobsNext);
            assertEquals(bobBefore + 1, count(bobsNext));
        }
    }

    @Test
    void aNotificationForEveryoneReachesEveryUserAndTheSeedGroup() {
        AccountSession carol = AccountSession.newUser(base, "carol");
        AccountSession dave = AccountSession.newUser(base, "dave");
        try (WsClient carolSocket = carol.connect("ws/notifications/");
             WsClient daveSocket = dave.connect("ws/notifications/");
             WsClient seedClient = WsClient.connect(base, "ws/test/")) {
            long carolBefore = count(carolSocket.nextJson());
            long daveBefore = count(daveSocket.nextJson());
            assertEquals(forEveryone(), carolBefore, "a fresh user's unseen count");
            assertEquals(forEveryone(), daveBefore, "a fresh user's unseen count");

            logInInBrowserAsAdmin();
            String message = "Hello everyone " + UUID.randomUUID();
            sendFromAdminPage(message, "");

            assertEquals(carolBefore + 1, count(carolSocket.nextJson()));
            assertEquals(daveBefore + 1, count(daveSocket.nextJson()));
            JsonObject seedFrame = seedClient.nextJson();
            assertEquals(message, seedFrame.getString("current_notification"));
            assertEquals(seenByNobody(), count(seedFrame), "the seed's count: notifications nobody has seen");

            HttpResponse<String> allSeen = dave.post("api/notifications/seen", null);
            assertEquals(200, allSeen.statusCode());
            assertEquals(daveBefore + 1, WsClient.parse(allSeen.body()).getJsonNumber("marked").longValue(), allSeen.body());
            assertEquals(0, count(daveSocket.nextJson()));
        }
    }

    @Test
    void thePageValidatesInputAndNamesUnknownUsers() {
        logInInBrowserAsAdmin();
        sendFromAdminPage("", "");
        
        Pages.until(browser, ExpectedConditions.textToBePresentInElementLocated(By.id("form:messageError"), "Write a message"));

        sendFromAdminPage("For a ghost", "nobody-" + UUID.randomUUID().toString().substring(0, 8));
        Pages.until(browser, ExpectedConditions.textToBePresentInElementLocated(By.id("form:audienceError"), "No user named"));

        sendFromAdminPage("x".repeat(501), "");
        Pages.until(browser, ExpectedConditions.textToBePresentInElementLocated(By.id("form:messageError"), "At most 500 characters"));
    }

    @Test
    void onlyAdminsReachTheAdminPage() {
        AccountSession user = AccountSession.newUser(base, "mallory");
        assertEquals(403, user.get("admin/notifications.xhtml").statusCode());

        // Anonymous callers get the login page in place of the admin page (forwarded, not redirected).
        HttpResponse<String> anonymous = new AccountSession(base).get("admin/notifications.xhtml");
        assertTrue(anonymous.body().contains("id=\"login\""), anonymous.body());
        assertTrue(!anonymous.body().contains("form:send"), "the admin form was served to an anonymous caller");

        assertEquals(200, admin().get("admin/notifications.xhtml").statusCode());
    }

    @Test
    void anonymousSocketsAndCallsAreRefused() {
        try (WsClient anonymous = WsClient.connect(base, "ws/notifications/")) {
            assertEquals(1008, anonymous.awaitClose());
        }
        assertEquals(401, new AccountSession(base).get("api/notifications").statusCode());
    }
}
