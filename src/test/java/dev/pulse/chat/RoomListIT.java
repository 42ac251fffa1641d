package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.chat.ChatFixtures.Pair;
import dev.pulse.support.TestEnvironment;
import dev.pulse.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 over real sockets: rooms users create, the live room list ({@code /ws/room-list/}),
 * read positions and unread counts across tabs, and typing indicators. Expected counts come from
 * what each test posted, and stored positions are read back from the database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoomListIT {

    @ArquillianResource
    URL base;

    // ---- helpers

    private Pair privatePair(String prefix) {
        return ChatFixtures.privatePair(base, prefix);
    }

    /** Frames about who is online (counts, people) come whenever anyone opens a page: barriers skip them. */
    private static boolean notPresence(JsonObject frame) {
        return !List.of("online_count", "user_online", "user_offline", "user_joined", "user_left").contains(frame.getString("event"));
    }

    private static String post(String body) {
        return Json.createObjectBuilder().add("body", body).build().toString();
    }

    private static String named(String name) {
        return Json.createObjectBuilder().add("name", name).build().toString();
    }

    /** The list socket's first frame, which must be the room list. */
    private static JsonObject rooms(WsClient list) {
        JsonObject first = list.nextJson();
        assertEquals("rooms", first.getString("event"), first.toString());
        return first;
    }

    private static JsonObject room(JsonObject rooms, String name) {
        return rooms.getJsonArray("rooms").stream().map(JsonValue::asJsonObject)
                .filter(room -> room.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no room " + name + " in " + rooms));
    }

    /** Joins a room socket, consuming the frames up to the online count. */
    private static WsClient joinRoom(AccountSession user, String room) {
        WsClient socket = user.connect("ws/rooms/" + room + "/");
        socket.nextJson(frame -> frame.getString("event").equals("online_count"));
        return socket;
    }

    private static long posted(WsClient socket, String body) {
        socket.send(post(body));
        return socket.nextJson(frame -> frame.getString("event").equals("message")
                && frame.getJsonObject("message").getString("body").equals(body)).getJsonObject("message").getJsonNumber("id").longValue();
    }

    private static long storedPosition(String username, String room) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement("SELECT p.last_read_id FROM chat_read_position p "
                     + "JOIN account a ON a.id = p.account_id JOIN chat_room r ON r.id = p.room_id WHERE a.username = ? AND r.name = ?")) {
            query.setString(1, username);
            query.setString(2, room);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }

    private static long newestPublicMessage(String room) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT COALESCE(MAX(m.id), 0) FROM chat_message m JOIN chat_room r ON r.id = m.room_id WHERE r.name = ?")) {
            query.setString(1, room);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    // ---- rooms

    @Test
    void aCreatedRoomAppearsLiveOnEveryListAndCanBeUsed() {
        AccountSession creator = AccountSession.newUser(base, "creator");
        AccountSession watcher = AccountSession.newUser(base, "watcher");
        String name = AccountSession.uniqueName("Club");
        try (WsClient list = watcher.connect("ws/room-list/")) {
            assertTrue(room(rooms(list), "lobby").getBoolean("private") == false);
            HttpResponse<String> created = creator.post("api/chat/rooms", named("  " + name + " "));
            assertEquals(201, created.statusCode(), created.body());
            assertEquals("/api/chat/rooms/" + name, java.net.URI.create(created.headers().firstValue("Location").orElseThrow()).getPath());
            JsonObject body = WsClient.parse(created.body());
            assertEquals(name, body.getString("name"));
            assertFalse(body.getBoolean("private"));
            assertEquals(0, body.getInt("unread_count"));

            JsonObject announced = list.nextJson(frame -> frame.getString("event").equals("room_created"));
            assertEquals(Json.createObjectBuilder().add("name", name).add("private", false).add("online_count", 0)
                    .add("unread_count", 0).add("last_message_id", 0).add("last_read_id", 0).build(), announced.getJsonObject("room"));
        }
        String listed = watcher.get("api/chat/rooms").body();
        assertTrue(listed.contains("\"name\":\"" + name + "\""), listed);
        // Names are unique ignoring case.
        HttpResponse<String> again = watcher.post("api/chat/rooms", named(name.toLowerCase()));
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("A room named '" + name.toLowerCase() + "' exists", WsClient.parse(again.body()).getString("error"));
        // The new room works as the seeded ones: the watcher posts, the creator gets it.
        try (WsClient a = joinRoom(creator, name); WsClient b = joinRoom(watcher, name)) {
            long id = posted(b, "first in " + name);
            assertEquals(id, a.nextJson(frame -> frame.getString("event").equals("message"))
                    .getJsonObject("message").getJsonNumber("id").longValue());
        }
    }

    @Test
    void roomNamesFollowTheRules() {
        AccountSession user = AccountSession.newUser(base, "namer");
        assertRefused(user, null, 400, null);
        assertRefused(user, "{}", 400, "Expected {\"name\": \"<room name>\"}");
        assertRefused(user, named("   "), 400, "Expected {\"name\": \"<room name>\"}");
        assertRefused(user, named("x".repeat(41)), 400, "Room names have 1 to 40 characters");
        assertRefused(user, named("no spaces"), 400, "Room names use letters, digits, '-' and '_', and start with a letter or digit");
        assertRefused(user, named("-dash-first"), 400, "Room names use letters, digits, '-' and '_', and start with a letter or digit");
        assertRefused(user, named("<script>"), 400, "Room names use letters, digits, '-' and '_', and start with a letter or digit");
        assertRefused(user, named("Private-1-2"), 400, "Room names starting with 'private-' are reserved");
        assertRefused(user, named("LOBBY"), 409, "A room named 'LOBBY' exists");
        assertRefused(user, "{\"name\": 5}", 400, "Expected {\"name\": \"<room name>\"}");
        assertRefused(user, "{\"name\": [\"a\"]}", 400, "Expected {\"name\": \"<room name>\"}");
        assertEquals(401, new AccountSession(base).post("api/chat/rooms", named("anonymous-room")).statusCode());
        // Control: a name inside the rules is created.
        assertEquals(201, user.post("api/chat/rooms", named(AccountSession.uniqueName("ok_room"))).statusCode());
    }

    private static void assertRefused(AccountSession user, String body, int status, String error) {
        HttpResponse<String> response = user.post("api/chat/rooms", body);
        assertEquals(status, response.statusCode(), response.body());
        if (error != null) {
            assertEquals(error, WsClient.parse(response.body()).getString("error"));
        }
    }

    @Test
    void eachUserCreatesAtMostTheLimitOfRoomsPerWindow() {
        AccountSession busy = AccountSession.newUser(base, "busy");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> created = busy.post("api/chat/rooms", named(AccountSession.uniqueName("busy" + i)));
            assertEquals(201, created.statusCode(), created.body());
        }
        HttpResponse<String> refused = busy.post("api/chat/rooms", named(AccountSession.uniqueName("busy5")));
        assertEquals(429, refused.statusCode(), refused.body());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        // The limiter's sliding-window estimate (RateLimiter) may ask for up to two windows.
        assertTrue(retryAfter >= 1 && retryAfter <= 2 * 3600, "Retry-After " + retryAfter);
        assertEquals("Too many rooms created, retry in " + retryAfter + " s", WsClient.parse(refused.body()).getString("error"));
        // Per user: another user still creates.
        assertEquals(201, AccountSession.newUser(base, "calm").post("api/chat/rooms", named(AccountSession.uniqueName("calm"))).statusCode());
    }

    @Test
    void administratorsCreateRoomsWithoutTheLimit() {
        AccountSession admin = new AccountSession(base);
        assertEquals(200, admin.post("api/accounts/login", AccountSession.credentials("admin", TestEnvironment.adminPassword())).statusCode());
        for (int i = 0; i < 7; i++) {
            HttpResponse<String> created = admin.post("api/chat/rooms", named(AccountSession.uniqueName("set-up" + i)));
            assertEquals(201, created.statusCode(), created.body());
        }
    }

    @Test
    void aPrivateConversationAppearsLiveOnBothListsTitledByTheOther() {
        AccountSession a = AccountSession.newUser(base, "pla");
        AccountSession b = AccountSession.newUser(base, "plb");
        try (WsClient listA = a.connect("ws/room-list/"); WsClient listB = b.connect("ws/room-list/")) {
            rooms(listA);
            rooms(listB);
            String room = WsClient.parse(a.post("api/chat/private/" + b.username(), null).body()).getString("room");
            JsonObject forA = listA.nextJson(frame -> frame.getString("event").equals("room_created")).getJsonObject("room");
            JsonObject forB = listB.nextJson(frame -> frame.getString("event").equals("room_created")).getJsonObject("room");
            assertEquals(room, forA.getString("name"));
            assertTrue(forA.getBoolean("private"));
            assertEquals(b.username(), forA.getString("with"));
            assertEquals(a.username(), forB.getString("with"));
            // Opening it again creates nothing: the next frame B's list gets is the barrier's.
            a.post("api/chat/private/" + b.username(), null);
            try (WsClient socket = joinRoom(a, room)) {
                long id = posted(socket, "barrier");
                JsonObject next = listB.nextJson(RoomListIT::notPresence);
                assertEquals("activity", next.getString("event"), next.toString());
                assertEquals(id, next.getJsonNumber("message_id").longValue());
            }
        }
    }

    @Test
    void aRoomNamedAfterAUsersListGroupHearsNothingOfThatUsersList() {
        // Room sockets and a user's list sockets are different hub groups whatever the room is called:
        // a public room "user_<bob>" once shared the group of bob's room lists (private activity, reads).
        Pair pair = privatePair("grp");
        AccountSession mallory = AccountSession.newUser(base, "mal");
        String lure = "user_" + pair.b().username();
        assertEquals(201, mallory.post("api/chat/rooms", named(lure)).statusCode());
        try (WsClient listB = pair.b().connect("ws/room-list/"); WsClient spy = joinRoom(mallory, lure);
             WsClient socketA = joinRoom(pair.a(), pair.room())) {
            rooms(listB);
            long secret = posted(socketA, "only for bob");
            // Control: bob's list hears of it.
            JsonObject activity = listB.nextJson(RoomListIT::notPresence);
            assertEquals("activity", activity.getString("event"), activity.toString());
            assertEquals(secret, activity.getJsonNumber("message_id").longValue());
            // Barrier: the first frame the spy gets after it is her own message, not bob's activity.
            spy.send(post("anyone?"));
            JsonObject next = spy.nextJson(RoomListIT::notPresence);
            assertEquals("message", next.getString("event"), next.toString());
            assertEquals("anyone?", next.getJsonObject("message").getString("body"));
        }
    }

    @Test
    void anonymousListSocketsAreClosedAndFramesAreAnswered() {
        try (WsClient anonymous = WsClient.connect(base, "ws/room-list/")) {
            assertEquals(1008, anonymous.awaitClose());
            assertEquals("Authentication required", anonymous.closeReason());
        }
        AccountSession user = AccountSession.newUser(base, "talker");
        try (WsClient list = user.connect("ws/room-list/")) {
            rooms(list);
            list.send("{\"read\": 1}");
            JsonObject error = list.nextJson(frame -> frame.getString("event").equals("error"));
            assertEquals("The room list takes no frames", error.getString("message"));
            assertFalse(list.isClosed());
        }
    }

    // ---- read positions and unread counts

    @Test
    void unreadCountsRiseWithOthersMessagesAndClearOnEveryTabWhenRead() throws Exception {
        Pair pair = privatePair("unr");
        try (WsClient tab1 = pair.b().connect("ws/room-list/"); WsClient tab2 = pair.b().connect("ws/room-list/");
             WsClient writer = joinRoom(pair.a(), pair.room())) {
            JsonObject before = room(rooms(tab1), pair.room());
            rooms(tab2);
            assertEquals(0, before.getInt("unread_count"));
            assertEquals(pair.a().username(), before.getString("with"));
            long first = posted(writer, "one");
            long second = posted(writer, "two");
            long third = posted(writer, "three");
            for (WsClient tab : new WsClient[] {tab1, tab2}) {
                for (long id : new long[] {first, second, third}) {
                    JsonObject activity = tab.nextJson(frame -> frame.getString("event").equals("activity"));
                    assertEquals(Json.createObjectBuilder().add("event", "activity").add("room", pair.room())
                            .add("message_id", id).add("author", pair.a().username()).build(), activity);
                }
            }
            JsonObject details = WsClient.parse(pair.b().get("api/chat/rooms/" + pair.room()).body());
            assertEquals(3, details.getInt("unread_count"));
            assertEquals(third, details.getJsonNumber("last_message_id").longValue());
            assertEquals(0, details.getJsonNumber("last_read_id").longValue());
            // The author's own messages are not unread to them.
            assertEquals(0, WsClient.parse(pair.a().get("api/chat/rooms/" + pair.room()).body()).getInt("unread_count"));

            // Read on the room socket (one tab): every list of the reader hears it, with the server's count.
            try (WsClient reader = joinRoom(pair.b(), pair.room())) {
                reader.send("{\"read\": " + second + "}");
                JsonObject expected = Json.createObjectBuilder().add("event", "read").add("room", pair.room())
                        .add("last_read_id", second).add("unread_count", 1).build();
                assertEquals(expected, tab1.nextJson(frame -> frame.getString("event").equals("read")));
                assertEquals(expected, tab2.nextJson(frame -> frame.getString("event").equals("read")));
                assertEquals(second, storedPosition(pair.b().username(), pair.room()));

                // Over HTTP, ahead of the newest message: clamped to it.
                HttpResponse<String> marked = pair.b().put("api/chat/rooms/" + pair.room() + "/read", "{\"last_read_id\": " + (third + 1000) + "}");
                assertEquals(200, marked.statusCode(), marked.body());
                JsonObject all = Json.createObjectBuilder().add("event", "read").add("room", pair.room())
                        .add("last_read_id", third).add("unread_count", 0).build();
                assertEquals(all, WsClient.parse(marked.body()));
                assertEquals(all, tab1.nextJson(frame -> frame.getString("event").equals("read")));

                // Never backwards, and an unmoved position tells nobody: the next frame is the barrier's activity.
                HttpResponse<String> back = pair.b().put("api/chat/rooms/" + pair.room() + "/read", "{\"last_read_id\": " + first + "}");
                assertEquals(all, WsClient.parse(back.body()));
                reader.send("{\"read\": " + first + "}");
                long barrier = posted(writer, "barrier");
                JsonObject next = tab1.nextJson(RoomListIT::notPresence);
                assertEquals("activity", next.getString("event"), next.toString());
                assertEquals(barrier, next.getJsonNumber("message_id").longValue());
                assertEquals(third, storedPosition(pair.b().username(), pair.room()));
            }
        }
    }

    @Test
    void badReadMarksAreRefusedAndTheSocketStaysUsable() {
        Pair pair = privatePair("badr");
        try (WsClient socket = joinRoom(pair.a(), pair.room())) {
            for (String frame : new String[] {"{\"read\": -1}", "{\"read\": \"7\"}", "{\"read\": 1.5}"}) {
                socket.send(frame);
                JsonObject error = socket.nextJson(f -> f.getString("event").equals("error"));
                assertEquals("read must be a message id", error.getString("message"), frame);
            }
            socket.send("{\"typing\": \"yes\"}");
            assertEquals("typing must be true or false", socket.nextJson(f -> f.getString("event").equals("error")).getString("message"));
            posted(socket, "still usable");
        }
        assertEquals(400, pair.a().put("api/chat/rooms/" + pair.room() + "/read", "{\"last_read_id\": -3}").statusCode());
        assertEquals(400, pair.a().put("api/chat/rooms/" + pair.room() + "/read", "{}").statusCode());
        assertEquals(404, pair.a().put("api/chat/rooms/no-such-room-x/read", "{\"last_read_id\": 1}").statusCode());
        AccountSession stranger = AccountSession.newUser(base, "nosy");
        assertEquals(403, stranger.put("api/chat/rooms/" + pair.room() + "/read", "{\"last_read_id\": 1}").statusCode());
    }

    @Test
    void aNewAccountStartsWithPublicHistoryReadAndCountsWhatComesAfter() throws Exception {
        AccountSession old = AccountSession.newUser(base, "oldtimer");
        try (WsClient lobby = joinRoom(old, "lobby")) {
            posted(lobby, "before the newcomer");
            long newest = newestPublicMessage("lobby");
            AccountSession newcomer = AccountSession.newUser(base, "newcomer");
            assertEquals(newest, storedPosition(newcomer.username(), "lobby"));
            try (WsClient list = newcomer.connect("ws/room-list/")) {
                JsonObject lobbyRow = room(rooms(list), "lobby");
                assertEquals(0, lobbyRow.getInt("unread_count"));
                assertEquals(newest, lobbyRow.getJsonNumber("last_read_id").longValue());
                long after = posted(lobby, "after the newcomer");
                JsonObject activity = list.nextJson(frame -> frame.getString("event").equals("activity")
                        && frame.getString("room").equals("lobby") && frame.getJsonNumber("message_id").longValue() == after);
                assertEquals(old.username(), activity.getString("author"));
                assertEquals(1, WsClient.parse(newcomer.get("api/chat/rooms/lobby").body()).getInt("unread_count"));
            }
        }
    }

    // ---- typing

    @Test
    void typingIsThrottledEndedByAPostOrByFalseAndNeverStored() throws Exception {
        Pair pair = privatePair("typ");
        try (WsClient a = joinRoom(pair.a(), pair.room()); WsClient b = joinRoom(pair.b(), pair.room())) {
            a.send("{\"typing\": true}");
            JsonObject typing = b.nextJson(RoomListIT::notPresence);
            assertEquals(Json.createObjectBuilder().add("event", "typing").add("room", pair.room()).add("user", pair.a().username())
                    .add("typing", true).add("expires_in_ms", 6000).build(), typing);
            // Within the throttle: dropped. The next frame B gets is the message.
            a.send("{\"typing\": true}");
            a.send("{\"typing\": true}");
            a.send(post("done typing"));
            JsonObject next = b.nextJson();
            assertEquals("message", next.getString("event"), next.toString());
            // A post resets the throttle: the next keystroke is news, and false ends it.
            a.send("{\"typing\": true}");
            assertTrue(b.nextJson().getBoolean("typing"));
            a.send("{\"typing\": false}");
            JsonObject stopped = b.nextJson();
            assertEquals("typing", stopped.getString("event"));
            assertFalse(stopped.getBoolean("typing"));
        }
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT COUNT(*) FROM chat_message m JOIN chat_room r ON r.id = m.room_id WHERE r.name = ?")) {
            query.setString(1, pair.room());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertEquals(1, row.getInt(1), "only the post is stored");
            }
        }
    }
}
