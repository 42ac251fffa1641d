package dev.pulse.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.Browser;
import dev.pulse.support.Pages;
import dev.pulse.support.TestEnvironment;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The notification centre (issue 10, seed 004) in two real Chromiums: an admin sends from the JSF
 * page, the user's badge and list update live on every open tab, marking one or all as seen clears
 * them everywhere; the admin page is Post/Redirect/Get, so a refresh never sends again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NotificationsPageIT {

    @ArquillianResource
    URL base;

    ChromeDriver admin;
    ChromeDriver user;

    @BeforeEach
    void startBrowsers() {
        admin = Browser.start();
        user = Browser.start();
    }

    @AfterEach
    void stopBrowsers() {
        admin.quit();
        user.quit();
    }

    private void send(String message, String audience) {
        admin.findElement(By.id("form:message")).clear();
        admin.findElement(By.id("form:message")).sendKeys(message);
        admin.findElement(By.id("form:audience")).clear();
        admin.findElement(By.id("form:audience")).sendKeys(audience);
        admin.findElement(By.id("form:send")).click();
        Pages.awaitText(admin, By.id("messages"), "Sent notification #");
    }

    private void openAdminPage() {
        Pages.logIn(admin, base, "admin", TestEnvironment.adminPassword());
        admin.findElement(By.id("nav-admin")).click();
        Pages.await(admin, By.id("form:send"));
    }

    /** The unseen count a fresh user starts with: every notification for everyone (a stored fact). */
    private static long forEveryone() {
        return stored("SELECT count(*) FROM notification WHERE audience IS NULL", null);
    }

    private static long stored(String sql, String parameter) {
        try (Connection db = TestEnvironment.database(); PreparedStatement query = db.prepareStatement(sql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> messages(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#notifications li .message")).stream().map(WebElement::getText).toList();
    }

    @Test
    void aNotificationArrivesLiveWithTheBadgeAndIsMarkedSeenOnEveryTab() {
        AccountSession reader = AccountSession.newUser(base, "reader");
        openAdminPage();
        Pages.logIn(user, base, reader.username(), AccountSession.PASSWORD);
        user.findElement(By.id("nav-notifications")).click();
        Pages.await(user, By.id("mark-all"));
        long baseline = forEveryone();
        Pages.awaitText(user, By.id("unseen-summary"), baseline == 0 ? "All seen" : baseline + " unseen");

        // A second tab of the same browser: the same session, its own sockets.
        String first = user.getWindowHandle();
        user.switchTo().newWindow(WindowType.TAB);
        user.get(Pages.root(base) + "chat/");
        Pages.await(user, By.id("nav-notifications"));
        user.switchTo().window(first);

        String message = "For your eyes " + UUID.randomUUID();
        send(message, reader.username());
        String expected = String.valueOf(baseline + 1);
        Pages.awaitText(user, By.id("unseen-badge"), expected);
        Pages.awaitText(user, By.cssSelector("#notifications li.unseen .message"), message);
        assertEquals(message, messages(user).get(0), "unseen first, newest first");
        Pages.screenshot(user, "notifications-desktop");

        user.findElement(By.cssSelector("#notifications li.unseen .mark-seen")).click();
        String after = String.valueOf(baseline);
        Pages.awaitText(user, By.id("unseen-summary"), baseline == 0 ? "All seen" : after + " unseen");
        assertEquals(1, stored("SELECT count(*) FROM notification_seen s JOIN notification n ON n.id = s.notification_id "
                + "WHERE n.message = ?", message), "stored as seen");

        // The other tab's badge followed without a reload.
        for (String handle : user.getWindowHandles()) {
            if (!handle.equals(first)) {
                user.switchTo().window(handle);
            }
        }
        if (baseline == 0) {
            Pages.until(user, d -> !d.findElement(By.id("unseen-badge")).isDisplayed());
        } else {
            Pages.awaitText(user, By.id("unseen-badge"), after);
        }
        user.switchTo().window(first);

        user.findElement(By.id("mark-all")).click();
        Pages.awaitText(user, By.id("unseen-summary"), "All seen");
        assertFalse(user.findElement(By.id("unseen-badge")).isDisplayed(), "the badge shows after everything was seen");
        assertTrue(user.findElements(By.cssSelector("#notifications li.unseen")).isEmpty());

        Pages.size(user, Pages.PHONE);
        Pages.assertNoHorizontalOverflow(user);
        Pages.screenshot(user, "notifications-phone");
    }

    @Test
    void refreshingTheAdminPageAfterSendNeverSendsAgain() {
        AccountSession target = AccountSession.newUser(base, "prg");
        openAdminPage();
        String message = "Once only " + UUID.randomUUID();
        send(message, target.username());
        assertTrue(admin.getCurrentUrl().endsWith("/admin/notifications.xhtml"), "redirected to a GET: " + admin.getCurrentUrl());
        Pages.screenshot(admin, "admin-desktop");
        admin.navigate().refresh();
        Pages.await(admin, By.id("form:send"));
        assertTrue(admin.findElements(By.id("messages")).stream().noneMatch(m -> m.getText().contains("Sent notification")),
                "the flash message outlived its redirect");
        assertEquals(1, stored("SELECT count(*) FROM notification WHERE message = ?", message), "a refresh sent it again");
    }

    @Test
    void aVisitorIsAskedToLogIn() {
        user.get(Pages.root(base) + "notifications/");
        Pages.await(user, By.id("anonymous-login"));
        assertTrue(user.findElements(By.cssSelector("#notifications li")).isEmpty());
    }
}
