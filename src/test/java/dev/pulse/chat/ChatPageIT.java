package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pulse.account.AccountSession;
import dev.pulse.support.PageTest;
import dev.pulse.support.Pages;
import dev.pulse.support.WsClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The chat pages in a real Chromium (issue 10): a private room is titled by the other person, the
 * connection state and the online count are shown apart, and a room the user may not open says why
 * and stops connecting. Messages, resume and history are ChatIT's.
 */
class ChatPageIT extends PageTest {

    @Test
    void aPrivateRoomIsTitledByTheOtherPersonAndShowsStateAndOnlineCountApart() {
        AccountSession me = AccountSession.newUser(base, "titled");
        AccountSession other = AccountSession.newUser(base, "other");
        Pages.logIn(browser, base, me.username(), AccountSession.PASSWORD);
        browser.findElement(By.id("nav-chat")).click();
        browser.findElement(By.id("with")).sendKeys(other.username());
        browser.findElement(By.cssSelector("#start button[type=submit]")).click();
        Pages.awaitText(browser, By.id("connection"), "connected");
        assertEquals(other.username(), browser.findElement(By.id("room-name")).getText());
        Pages.awaitText(browser, By.id("online"), "1 online");

        HttpResponse<String> opened = other.post("api/chat/private/" + me.username(), null);
        String room = WsClient.parse(opened.body()).getString("room");
        try (WsClient socket = other.connect("ws/rooms/" + room + "/")) {
            Pages.awaitText(browser, By.id("online"), "2 online");
            assertEquals("connected", browser.findElement(By.id("connection")).getText());
            Pages.screenshot(browser, "chat-room-desktop");
        }
        Pages.awaitText(browser, By.id("online"), "1 online");
        Pages.size(browser, Pages.PHONE);
        Pages.assertNoHorizontalOverflow(browser);
        Pages.screenshot(browser, "chat-room-phone");
    }

    @Test
    void aRoomTheUserMayNotOpenSaysWhyAndStopsConnecting() {
        AccountSession me = AccountSession.newUser(base, "refused");
        Pages.logIn(browser, base, me.username(), AccountSession.PASSWORD);
        browser.get(Pages.root(base) + "chat/room.html?room=no-such-room-" + me.username());
        Pages.awaitText(browser, By.id("connection"), "refused");
        Pages.awaitText(browser, By.id("error"), "Unknown room");
        assertFalse(browser.findElement(By.id("send")).isDisplayed(), "a refused room still offers to send");

        // Control: a room the user may open connects.
        browser.get(Pages.root(base) + "chat/room.html?room=lobby");
        Pages.awaitText(browser, By.id("connection"), "connected");
    }
}
