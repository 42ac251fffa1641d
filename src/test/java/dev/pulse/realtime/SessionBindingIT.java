package dev.pulse.realtime;

import static dev.pulse.account.AccountSession.credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every socket opened with a logged-in HTTP session is bound to that session by the core, on every
 * endpoint: when the session ends (logout, a new login on it, a password change in another
 * session) each of its sockets closes with 1008 "Session ended", not only the last one opened.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionBindingIT {

    @ArquillianResource
    URL base;

    private static void assertSessionEnded(WsClient socket) {
        assertEquals(1008, socket.awaitClose());
        assertEquals("Session ended", socket.closeReason());
    }

    private long portfolio(AccountSession owner) {
        HttpResponse<String> created = owner.post("api/portfolios", "{\"name\":\"Mine\"}");
        assertEquals(201, created.statusCode(), created.body());
        return WsClient.parse(created.body()).getJsonNumber("id").longValue();
    }

    private static boolean portfolioUpdate(JsonObject frame, long id) {
        return "portfolio_update".equals(frame.getString("type"))
                && frame.getJsonObject("data").getJsonNumber("portfolio_id").longValue() == id;
    }

    @Test
    void logoutClosesEverySocketOfTheSessionOnEveryEndpoint() {
        AccountSession alice = AccountSession.newUser(base, "bound");
        long id = portfolio(alice);
        try (WsClient notifications = alice.connect("ws/notifications/");
             WsClient market = alice.connect("ws/realtime/");
             WsClient echo = alice.connect("ws/chat/");
             WsClient tick = alice.connect("ws/tick/?client_id=bound");
             WsClient whoami = alice.connect("ws/accounts/me/")) {
            // The unseen count (notifications for everyone from other tests share the database).
            assertTrue(notifications.nextJson().getInt("count") >= 0);
            market.send("{\"type\":\"subscribe_portfolio\",\"data\":{\"portfolio_id\":" + id + "}}");
            market.nextJson(frame -> portfolioUpdate(frame, id));
            assertEquals(alice.username(), whoami.nextJson().getString("username"));
            echo.send("{\"message\":\"still here\"}");
            assertEquals("You said: still here", echo.next());

            assertEquals(204, alice.post("api/accounts/logout", null).statusCode());

            for (WsClient socket : List.of(notifications, market, echo, tick, whoami)) {
                assertSessionEnded(socket);
            }
        }
    }

    @Test
    void aPasswordChangeClosesTheOtherSessionsSocketsAndKeepsTheCallers() {
        AccountSession phone = AccountSession.newUser(base, "changer");
        AccountSession laptop = new AccountSession(base);
        assertEquals(200, laptop.post("api/accounts/login", credentials(phone.username(), AccountSession.PASSWORD)).statusCode());
        try (WsClient laptopNotifications = laptop.connect("ws/notifications/");
             WsClient laptopMarket = laptop.connect("ws/realtime/");
             WsClient phoneEcho = phone.connect("ws/chat/")) {
            laptopNotifications.nextJson();
            laptopMarket.nextJson();

            HttpResponse<String> changed = phone.post("api/accounts/password",
                    "{\"current_password\":\"" + AccountSession.PASSWORD + "\",\"new_password\":\"a whole new sentence\"}");
            assertEquals(204, changed.statusCode(), changed.body());

            assertSessionEnded(laptopNotifications);
            assertSessionEnded(laptopMarket);
            assertEquals(401, laptop.get("api/accounts/me").statusCode());
            phoneEcho.send("{\"message\":\"mine\"}");
            assertEquals("You said: mine", phoneEcho.next());
            assertFalse(phoneEcho.isClosed());
        }
    }

    @Test
    void aNewLoginOnTheSessionClosesTheSocketsOfThePreviousUser() {
        AccountSession browser = AccountSession.newUser(base, "first");
        AccountSession other = AccountSession.newUser(base, "second");
        try (WsClient notifications = browser.connect("ws/notifications/")) {
            notifications.nextJson();
            assertEquals(200, browser.post("api/accounts/login", credentials(other.username(), AccountSession.PASSWORD)).statusCode());
            assertSessionEnded(notifications);
        }
    }
}
