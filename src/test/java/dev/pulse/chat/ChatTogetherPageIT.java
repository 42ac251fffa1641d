package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.account.AccountSession;
import dev.pulse.support.Browser;
import dev.pulse.support.PageTest;
import dev.pulse.support.Pages;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 13's acceptance walk in two real Chromiums, one per user: alice creates a room, bob sees it
 * appear on his room list; alice's messages raise bob's unread count (on the room and in the header)
 * and reading them clears it; bob's typing shows on alice's page and expires on its own; the
 * "in this room" list follows bob in and out.
 */
class ChatTogetherPageIT extends PageTest {

    private static By roomRow(String room) {
        return By.cssSelector("#rooms li[data-room='" + room + "']");
    }

    @Test
    void twoUsersCreateARoomSeeUnreadCountsTypingAndWhoIsHere() {
        AccountSession alice = AccountSession.newUser(base, "alice");
        AccountSession bob = AccountSession.newUser(base, "bob");
        String room = AccountSession.uniqueName("together");
        ChromeDriver bobs = Browser.start();
        try {
            Pages.logIn(browser, base, alice.username(), AccountSession.PASSWORD);
            Pages.logIn(bobs, base, bob.username(), AccountSession.PASSWORD);
            bobs.get(Pages.root(base) + "chat/");
            Pages.awaitPresent(bobs, roomRow("lobby"));

            // alice creates the room and lands in it; bob's list shows it without a reload.
            browser.get(Pages.root(base) + "chat/");
            Pages.await(browser, By.id("new-room")).sendKeys(room);
            browser.findElement(By.cssSelector("#create button[type=submit]")).click();
            Pages.awaitText(browser, By.id("connection"), "connected");
            assertEquals("#" + room, browser.findElement(By.id("room-name")).getText());
            Pages.awaitText(browser, By.id("people"), alice.username());
            Pages.awaitPresent(bobs, roomRow(room));

            // alice writes twice: bob's row and his header count 2 unread.
            for (String text : new String[] {"hello bob", "are you there?"}) {
                browser.findElement(By.id("body")).sendKeys(text);
                browser.findElement(By.cssSelector("#send button")).click();
                Pages.awaitText(browser, By.id("messages"), text);
            }
            Pages.awaitText(bobs, By.cssSelector("#rooms li[data-room='" + room + "'] .unread"), "2");
            Pages.awaitText(bobs, By.id("chat-badge"), "2");
            Pages.screenshot(bobs, "chat-unread-desktop");

            // bob opens the room: he reads both, the header count clears, alice sees him here.
            bobs.findElement(By.cssSelector("#rooms li[data-room='" + room + "'] a")).click();
            Pages.awaitText(bobs, By.id("messages"), "are you there?");
            Pages.until(bobs, d -> !d.findElement(By.id("chat-badge")).isDisplayed());
            String both = alice.username().compareTo(bob.username()) < 0
                    ? alice.username() + ", " + bob.username() : bob.username() + ", " + alice.username();
            Pages.awaitText(browser, By.id("people"), both);
            Pages.awaitText(browser, By.id("online"), "2 online");

            // bob types: alice sees it; he stops, and it goes away by itself.
            bobs.findElement(By.id("body")).sendKeys("typing a long answ");
            Pages.awaitText(browser, By.id("typing"), bob.username() + " is typing");
            Pages.screenshot(browser, "chat-typing-desktop");
            Pages.until(browser, d -> d.findElement(By.id("typing")).getText().isEmpty());

            // bob leaves the room (back to the list): alice's list of who is here follows; his row has nothing unread.
            bobs.findElement(By.id("all-chats")).click();
            Pages.awaitPresent(bobs, roomRow(room));
            Pages.awaitText(browser, By.id("online"), "1 online");
            Pages.until(browser, d -> d.findElement(By.id("people")).getText().equals(alice.username()));
            Pages.until(bobs, d -> d.findElements(By.cssSelector("#rooms li[data-room='" + room + "'] .unread")).isEmpty());
            Pages.screenshot(bobs, "chat-index-desktop");
            Pages.size(bobs, Pages.PHONE);
            Pages.assertNoHorizontalOverflow(bobs);
            Pages.screenshot(bobs, "chat-index-phone");
            Pages.size(browser, Pages.PHONE);
            Pages.assertNoHorizontalOverflow(browser);
            Pages.screenshot(browser, "chat-together-phone");
        } finally {
            bobs.quit();
        }
    }
}
