package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13's "who is online" over real sockets: per user, not per tab, in a room (the room socket's
 * {@code user_joined} / {@code user_left} and {@code GET .../online}) and in the whole app (the room
 * list's {@code user_online} / {@code user_offline} and {@code GET /api/chat/online}). Negative
 * checks use a barrier: an event that must come next.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OnlinePresenceIT {

    @ArquillianResource
    URL base;

    private static boolean is(JsonObject frame, String event) {
        return frame.getString("event").equals(event);
    }

    private static WsClient joinRoom(AccountSession user, String room) {
        WsClient socket = user.connect("ws/rooms/" + room + "/");
        socket.nextJson(frame -> is(frame, "online_count"));
        return socket;
    }

    private static List<String> users(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return WsClient.parse(response.body()).getJsonArray("users").stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList();
    }

    @Test
    void aRoomHearsWhoComesAndGoesOncePerUserWhateverTheirTabs() {
        AccountSession a = AccountSession.newUser(base, "pra");
        AccountSession b = AccountSession.newUser(base, "prb");
        String room = WsClient.parse(a.post("api/chat/private/" + b.username(), null).body()).getString("room");
        try (WsClient watcher = joinRoom(a, room)) {
            assertEquals(List.of(a.username()), users(a.get("api/chat/rooms/" + room + "/online")));
            WsClient tab1 = joinRoom(b, room);
            // Who came, then the count (a client waiting for the count has the name by then).
            assertEquals(Json.createObjectBuilder().add("event", "user_joined").add("user", b.username()).build(), watcher.nextJson());
            assertEquals(2, watcher.nextJson().getInt("online_count"));
            JsonObject online = WsClient.parse(a.get("api/chat/rooms/" + room + "/online").body());
            assertEquals(2, online.getInt("online_count"));
            assertEquals(List.of(a.username(), b.username()).stream().sorted().toList(), users(a.get("api/chat/rooms/" + room + "/online")));

            // A second tab of b, and its closing: no presence frame. The next frame is the barrier's message.
            WsClient tab2 = joinRoom(b, room);
            tab2.close();
            tab1.send("{\"body\": \"barrier\"}");
            JsonObject next = watcher.nextJson();
            assertTrue(is(next, "message"), "expected the barrier, got " + next);

            tab1.close();
            assertEquals(Json.createObjectBuilder().add("event", "user_left").add("user", b.username()).build(), watcher.nextJson());
            assertEquals(1, watcher.nextJson().getInt("online_count"));
            assertEquals(List.of(a.username()), users(a.get("api/chat/rooms/" + room + "/online")));
        }
        AccountSession stranger = AccountSession.newUser(base, "prc");
        assertEquals(403, stranger.get("api/chat/rooms/" + room + "/online").statusCode());
        assertEquals(401, new AccountSession(base).get("api/chat/online").statusCode());
    }

    @Test
    void theAppHearsWhoComesOnlineAndGoesOfflineOncePerUser() {
        AccountSession watcher = AccountSession.newUser(base, "onw");
        AccountSession user = AccountSession.newUser(base, "onu");
        AccountSession barrier = AccountSession.newUser(base, "onb");
        Set<String> tracked = Set.of(user.username(), barrier.username());
        try (WsClient list = watcher.connect("ws/room-list/")) {
            assertTrue(is(list.nextJson(), "rooms"));
            WsClient page1 = user.connect("ws/room-list/");
            assertEquals(Json.createObjectBuilder().add("event", "user_online").add("user", user.username()).build(),
                    list.nextJson(frame -> frame.containsKey("user") && tracked.contains(frame.getString("user"))));
            assertTrue(users(watcher.get("api/chat/online")).contains(user.username()));

            // A second page of the same user, then the barrier user: the next event about either is the barrier's.
            WsClient page2 = user.connect("ws/room-list/");
            assertTrue(is(page2.nextJson(), "rooms"));
            WsClient barrierPage = barrier.connect("ws/room-list/");
            JsonObject next = list.nextJson(frame -> frame.containsKey("user") && tracked.contains(frame.getString("user")));
            assertEquals(barrier.username(), next.getString("user"), next.toString());
            assertEquals("user_online", next.getString("event"));

            page1.close();
            barrierPage.close();
            next = list.nextJson(frame -> frame.containsKey("user") && tracked.contains(frame.getString("user")));
            assertEquals(Json.createObjectBuilder().add("event", "user_offline").add("user", barrier.username()).build(), next,
                    "the user still has a page open: only the barrier went offline");
            page2.close();
            next = list.nextJson(frame -> frame.containsKey("user") && tracked.contains(frame.getString("user")));
            assertEquals(Json.createObjectBuilder().add("event", "user_offline").add("user", user.username()).build(), next);
            WsClient.eventually(() -> assertTrue(!users(watcher.get("api/chat/online")).contains(user.username())));
            JsonValue count = WsClient.parse(watcher.get("api/chat/online").body()).get("online_count");
            assertTrue(((jakarta.json.JsonNumber) count).intValue() >= 1, "the watcher is online: " + count);
        }
    }
}
