package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.chat.ChatFixtures.Pair;
import dev.pulse.support.TestEnvironment;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rooms over real WebSockets: access, persistence then broadcast, bad input, presence, history and resume. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatIT {

    @ArquillianResource
    URL base;

    // ---- helpers

    private Pair privatePair(String prefix) {
        return ChatFixtures.privatePair(base, prefix);
    }

    /** Opens a room socket and consumes the join frames up to the online count, returning that count frame. */
    private static JsonObject joined(WsClient socket) {
        return socket.nextJson(frame -> frame.getString("event").equals("online_count"));
    }

    /**
     * The next frame that is not a presence event (a join sends the room {@code user_joined}
     * before {@code online_count}, the joiner included; {@code OnlinePresenceIT} tests those).
     */
    private static JsonObject nextIgnoringPresence(WsClient socket) {
        return socket.nextJson("a frame other than user_joined / user_left", 4,
                frame -> !frame.getString("event").equals("user_joined") && !frame.getString("event").equals("user_left"));
    }

    private static boolean isMessage(JsonObject frame) {
        return frame.getString("event").equals("message");
    }

    private static String post(String body) {
        return jakarta.json.Json.createObjectBuilder().add("body", body).build().toString();
    }

    private static Connection database() throws Exception {
        return TestEnvironment.database();
    }

    /** When the message was stored, as the database has it. */
    private static java.time.Instant storedCreated(long id) throws Exception {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("SELECT created_at FROM chat_message WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "message " + id + " is not stored");
                return row.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        }
    }

    private static List<Long> storedIds(String room) throws Exception {
        return ChatFixtures.storedIds(room);
    }

    // ---- access

    @Test
    void anonymousSocketsAreClosedWith1008() {
        try (WsClient socket = WsClient.connect(base, "ws/rooms/lobby/")) {
            assertEquals(1008, socket.awaitClose());
        }
    }

    @Test
    void anUnknownRoomIsClosedWith1008() {
        AccountSession user = AccountSession.newUser(base, "lost");
        try (WsClient socket = user.connect("ws/rooms/no-such-room-" + user.username() + "/")) {
            assertEquals(1008, socket.awaitClose());
        }
        assertEquals(404, user.get("api/chat/rooms/no-such-room").statusCode());
    }

    @Test
    void aPrivateRoomRefusesNonMembersEverywhere() {
        Pair pair = privatePair("pv");
        AccountSession stranger = AccountSession.newUser(base, "stranger");
        try (WsClient socket = stranger.connect("ws/rooms/" + pair.room() + "/")) {
            assertEquals(1008, socket.awaitClose());
        }
        assertEquals(403, stranger.get("api/chat/rooms/" + pair.room()).statusCode());
        assertEquals(200, pair.b().get("api/chat/rooms/" + pair.room()).statusCode());
        assertEquals(401, new AccountSession(base).get("api/chat/rooms/lobby").statusCode());
    }

    @Test
    void aPrivateConversationIsTheSameRoomForBothAndListedForBoth() {
        Pair pair = privatePair("conv");
        HttpResponse<String> again = pair.b().post("api/chat/private/" + pair.a().username(), null);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(pair.room(), WsClient.parse(again.body()).getString("room"));

        JsonObject conversation = WsClient.parse(pair.a().get("api/chat/private").body().replaceAll("^\\[|\\]$", ""));
        assertEquals(pair.room(), conversation.getString("room"));
        assertEquals(pair.b().username(), conversation.getString("with"));
        assertEquals(404, pair.a().post("api/chat/private/nobody-" + pair.a().username(), null).statusCode());
        assertEquals(400, pair.a().post("api/chat/private/" + pair.a().username(), null).statusCode());
    }

    @Test
    void publicRoomsAreSeededAndListed() {
        AccountSession user = AccountSession.newUser(base, "lister");
        String rooms = user.get("api/chat/rooms").body();
        assertTrue(rooms.contains("\"public-chat\""), rooms);
        assertTrue(rooms.contains("\"lobby\""), rooms);
    }

    // ---- messages

    @Test
    void aMessageIsStoredThenBroadcastToEveryMember() throws Exception {
        Pair pair = privatePair("msg");
        try (WsClient a = pair.a().connect("ws/rooms/" + pair.room() + "/");
             WsClient b = pair.b().connect("ws/rooms/" + pair.room() + "/")) {
            joined(a);
            joined(b);
            a.send("{\"body\":\"hello from a\"}");
            JsonObject atA = a.nextJson(ChatIT::isMessage).getJsonObject("message");
            JsonObject atB = b.nextJson(ChatIT::isMessage).getJsonObject("message");
            assertEquals(atA, atB);
            assertEquals("hello from a", atA.getString("body"));
            assertEquals(pair.a().username(), atA.getString("author"));
            assertEquals(pair.room(), atA.getString("room"));
            assertEquals(List.of(atA.getJsonNumber("id").longValue()), storedIds(pair.room()));
            assertEquals(storedCreated(atA.getJsonNumber("id").longValue()), java.time.Instant.parse(atA.getString("created")));

            b.send("{\"message\":\"seed form field\"}");
            assertEquals("seed form field", a.nextJson(ChatIT::isMessage).getJsonObject("message").getString("body"));
        }
    }

    @Test
    void badMessagesGetAnErrorAndTheSocketStaysUsable() throws Exception {
        Pair pair = privatePair("bad");
        try (WsClient a = pair.a().connect("ws/rooms/" + pair.room() + "/")) {
            joined(a);
            a.send("{\"body\":\"   \"}");
            assertEquals("Message is empty", a.nextJson().getString("message"));
            a.send(post("x".repeat(301)));
            assertEquals("Message is longer than 300 characters", a.nextJson().getString("message"));
            a.send("{\"body\": 42}");
            assertEquals("error", a.nextJson().getString("event"));
            a.send("{\"body\": ");
            JsonObject malformed = a.nextJson();
            assertEquals("error", malformed.getString("event"));
            assertTrue(malformed.getString("message").startsWith("Malformed JSON"));
            assertEquals(List.of(), storedIds(pair.room()));

            a.send(post("x".repeat(300)));
            assertEquals(300, a.nextJson(ChatIT::isMessage).getJsonObject("message").getString("body").length());
        }
    }

    // ---- presence

    @Test
    void presenceCountsUsersNotSockets() {
        Pair pair = privatePair("pres");
        String path = "ws/rooms/" + pair.room() + "/";
        try (WsClient a1 = pair.a().connect(path)) {
            assertEquals(1, joined(a1).getInt("online_count"));
            try (WsClient a2 = pair.a().connect(path)) {
                assertEquals(1, joined(a2).getInt("online_count"));
                try (WsClient b = pair.b().connect(path)) {
                    assertEquals(2, joined(b).getInt("online_count"));
                    assertEquals(2, joined(a1).getInt("online_count"));
                    assertEquals(2, joined(a2).getInt("online_count"));
                    assertEquals(2, WsClient.parse(pair.a().get("api/chat/rooms/" + pair.room()).body()).getInt("online_count"));
                }
                assertEquals(1, joined(a1).getInt("online_count"));
                assertEquals(1, joined(a2).getInt("online_count"));
            }
            // a's second tab closing changes nothing: no count frame; a message sent now is the next frame.
            a1.send(post("still one"));
            JsonObject next = a1.nextJson();
            assertTrue(isMessage(next), "expected no online_count for a second tab leaving, got " + next);
        }
        WsClient.eventually(() -> assertEquals(0,
                WsClient.parse(pair.b().get("api/chat/rooms/" + pair.room()).body()).getInt("online_count")));
    }

    // ---- history and resume

    @Test
    void joiningReplaysTheHistoryOldestFirst() {
        Pair pair = privatePair("hist");
        String path = "ws/rooms/" + pair.room() + "/";
        List<Long> posted = new ArrayList<>();
        try (WsClient a = pair.a().connect(path)) {
            joined(a);
            for (int i = 1; i <= 3; i++) {
                a.send(post("history " + i));
                posted.add(a.nextJson(ChatIT::isMessage).getJsonObject("message").getJsonNumber("id").longValue());
            }
        }
        try (WsClient b = pair.b().connect(path)) {
            for (int i = 1; i <= 3; i++) {
                JsonObject message = b.nextJson().getJsonObject("message");
                assertEquals("history " + i, message.getString("body"));
                assertEquals(posted.get(i - 1), message.getJsonNumber("id").longValue());
            }
            assertEquals("online_count", nextIgnoringPresence(b).getString("event"));
        }
    }

    @Test
    void resumingAfterAnIdSendsExactlyTheMissedMessagesThenLiveOnes() throws Exception {
        Pair pair = privatePair("res");
        String path = "ws/rooms/" + pair.room() + "/";
        long lastSeen;
        try (WsClient a = pair.a().connect(path); WsClient b = pair.b().connect(path)) {
            joined(a);
            joined(b);
            a.send(post("seen by b"));
            lastSeen = b.nextJson(ChatIT::isMessage).getJsonObject("message").getJsonNumber("id").longValue();
            b.close();
            a.send(post("missed 1"));
            a.send(post("missed 2"));
            a.nextJson(ChatIT::isMessage);
            a.nextJson(ChatIT::isMessage);
            a.nextJson(ChatIT::isMessage);

            try (WsClient resumed = pair.b().connect(path + "?after=" + lastSeen)) {
                assertEquals("missed 1", resumed.nextJson().getJsonObject("message").getString("body"));
                assertEquals("missed 2", resumed.nextJson().getJsonObject("message").getString("body"));
                assertEquals("online_count", nextIgnoringPresence(resumed).getString("event"));
                a.send(post("live"));
                assertEquals("live", resumed.nextJson(ChatIT::isMessage).getJsonObject("message").getString("body"));
            }
        }
        List<Long> stored = storedIds(pair.room());
        assertEquals(4, stored.size());
        assertEquals(lastSeen, stored.get(0));
    }

    @Test
    void resumingWhileMessagesKeepComingMissesAndRepeatsNothing() throws Exception {
        Pair pair = privatePair("race");
        String path = "ws/rooms/" + pair.room() + "/";
        int total = 60;
        try (WsClient writer = pair.a().connect(path)) {
            joined(writer);
            writer.send(post("first"));
            long after = writer.nextJson(ChatIT::isMessage).getJsonObject("message").getJsonNumber("id").longValue();
            // Post a stream while the reader connects in the middle of it.
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < total; i++) {
                    writer.send(post("n" + i));
                }
            });
            List<Long> seen = new ArrayList<>();
            try (WsClient reader = pair.b().connect(path + "?after=" + after)) {
                stream.join();
                while (seen.size() < total) {
                    JsonObject frame = reader.nextJson();
                    if (isMessage(frame)) {
                        seen.add(frame.getJsonObject("message").getJsonNumber("id").longValue());
                    }
                }
                List<Long> stored = storedIds(pair.room());
                assertEquals(stored.subList(1, stored.size()), seen, "every message after the resume point, once, in order");
                // Barrier: a message posted now is the very next message the reader gets (nothing repeated before it).
                writer.send(post("barrier"));
                JsonObject next = reader.nextJson("the barrier message", 2, ChatIT::isMessage).getJsonObject("message");
                assertEquals("barrier", next.getString("body"), next.toString());
            }
        }
    }

    @Test
    void aNonNumericResumePointIsRefused() {
        AccountSession user = AccountSession.newUser(base, "after");
        try (WsClient socket = user.connect("ws/rooms/lobby/?after=yesterday")) {
            assertEquals(1008, socket.awaitClose());
        }
    }

    @Test
    void aForeignOriginCannotOpenARoom() {
        // A room of its own, so the online count below is exactly this socket (the server is shared).
        Pair pair = privatePair("origin");
        String path = "ws/rooms/" + pair.room() + "/";
        Map<String, String> headers = new java.util.HashMap<>(pair.a().cookieHeader());
        headers.put("Origin", "https://attacker.example");
        assertEquals(403, WsClient.refusedHandshake(base, path, headers));
        // Control: the same session from the page's own origin opens the room.
        headers.put("Origin", base.getProtocol() + "://" + base.getHost() + ":" + base.getPort());
        try (WsClient socket = WsClient.connect(base, path, headers)) {
            assertEquals(1, joined(socket).getInt("online_count"));
        }
    }

    @Test
    void aMessageThatCannotBeStoredIsNeitherBroadcastNorKept() throws Exception {
        Pair pair = privatePair("fail");
        String path = "ws/rooms/" + pair.room() + "/";
        // The database refuses this one body (a trigger in the real PostgreSQL), so storing it fails.
        String poison = "cannot be stored " + pair.room();
        String trigger = "pulse_it_refuse_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (Connection db = database(); java.sql.Statement ddl = db.createStatement()) {
            ddl.execute("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.body = '" + poison + "' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$");
            ddl.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON chat_message FOR EACH ROW EXECUTE FUNCTION " + trigger + "()");
        }
        try (WsClient a = pair.a().connect(path); WsClient b = pair.b().connect(path)) {
            joined(a);
            joined(b);
            joined(a);
            a.send(post(poison));
            JsonObject refused = a.nextJson();
            assertEquals("error", refused.getString("event"), refused.toString());
            assertEquals("Message not stored, try again", refused.getString("message"));
            // Barrier: the next message the other member gets is the one posted after it, and the
            // sender's own next frame is that message too (positive control: storing still works).
            a.send(post("stored after the failure"));
            assertEquals("stored after the failure", b.nextJson("the next message", 2, ChatIT::isMessage).getJsonObject("message").getString("body"));
            assertEquals("stored after the failure", a.nextJson("the next message", 2, ChatIT::isMessage).getJsonObject("message").getString("body"));
        } finally {
            try (Connection db = database(); java.sql.Statement ddl = db.createStatement()) {
                ddl.execute("DROP TRIGGER IF EXISTS " + trigger + " ON chat_message");
                ddl.execute("DROP FUNCTION IF EXISTS " + trigger + "()");
            }
        }
        assertEquals(1, storedIds(pair.room()).size(), "only the message after the failure is stored");
    }

    // ---- the page, in a real browser

    @Test
    void theChatPageShowsMessagesFromTheBrowserAndFromOthers() {
        AccountSession other = AccountSession.newUser(base, "peer");
        String name = AccountSession.uniqueName("browser");
        String root = base.toExternalForm().endsWith("/") ? base.toExternalForm() : base.toExternalForm() + "/";
        org.openqa.selenium.chrome.ChromeDriver driver = dev.pulse.support.Browser.start();
        try {
            driver.get(root + "accounts/register.html?next=%2Fchat%2Froom.html%3Froom%3Dlobby");
            driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(name);
            driver.findElement(org.openqa.selenium.By.id("password")).sendKeys("browser-password");
            driver.findElement(org.openqa.selenium.By.cssSelector("#register button")).click();
            try {
                WsClient.eventually(() -> assertEquals(List.of("connected"), driver.findElements(org.openqa.selenium.By.id("connection"))
                        .stream().map(org.openqa.selenium.WebElement::getText).toList()));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("room page not connected; at " + driver.getCurrentUrl() + ": "
                        + driver.findElement(org.openqa.selenium.By.tagName("body")).getText(), e);
            }

            String mine = "typed in the browser " + name;
            driver.findElement(org.openqa.selenium.By.id("body")).sendKeys(mine);
            driver.findElement(org.openqa.selenium.By.cssSelector("#send button")).click();
            WsClient.eventually(() -> assertTrue(bodies(driver).contains(mine), bodies(driver).toString()));

            String theirs = "sent by a socket " + other.username();
            try (WsClient socket = other.connect("ws/rooms/lobby/")) {
                joined(socket);
                socket.send(post(theirs));
                WsClient.eventually(() -> assertTrue(bodies(driver).contains(theirs), bodies(driver).toString()));
            }
            List<String> shown = bodies(driver);
            assertEquals(1, shown.stream().filter(mine::equals).count(), "each message once");
            assertTrue(shown.indexOf(mine) < shown.indexOf(theirs));

            // The connection drops; a message posted meanwhile arrives through the resume, once.
            driver.executeScript("client.drop(4000, 'test drop');");
            String missed = "posted while the page was disconnected " + other.username();
            try (WsClient socket = other.connect("ws/rooms/lobby/")) {
                joined(socket);
                socket.send(post(missed));
                socket.nextJson(ChatIT::isMessage);
            }
            WsClient.eventually(() -> assertTrue(bodies(driver).contains(missed), bodies(driver).toString()));
            WsClient.eventually(() -> assertEquals("connected", driver.findElement(org.openqa.selenium.By.id("connection")).getText()));
            String resumedUrl = (String) driver.executeScript("return client.url();");
            assertTrue(resumedUrl.contains("?after="), "the page reconnected with a resume point: " + resumedUrl);
            List<String> afterResume = bodies(driver);
            assertEquals(1, afterResume.stream().filter(missed::equals).count());
            assertEquals(1, afterResume.stream().filter(theirs::equals).count(), "nothing replayed twice");
        } finally {
            driver.quit();
        }
    }

    private static List<String> bodies(org.openqa.selenium.WebDriver driver) {
        return driver.findElements(org.openqa.selenium.By.cssSelector("#messages li .body")).stream()
                .map(org.openqa.selenium.WebElement::getText).toList();
    }

    @Test
    void historyIsTheNewestMessagesAndALongResumeAnnouncesItsGap() throws Exception {
        Pair pair = privatePair("long");
        String path = "ws/rooms/" + pair.room() + "/";
        int posted = 205;
        try (WsClient writer = pair.a().connect(path)) {
            joined(writer);
            for (int i = 0; i < posted; i++) {
                writer.send(post("m" + i));
            }
            for (int i = 0; i < posted; i++) {
                writer.nextJson(ChatIT::isMessage);
            }
        }
        List<Long> stored = storedIds(pair.room());
        assertEquals(posted, stored.size());

        try (WsClient joiner = pair.b().connect(path)) {
            List<Long> history = new ArrayList<>();
            JsonObject frame;
            while (isMessage(frame = nextIgnoringPresence(joiner))) {
                history.add(frame.getJsonObject("message").getJsonNumber("id").longValue());
            }
            assertEquals("online_count", frame.getString("event"));
            assertEquals(stored.subList(posted - 50, posted), history, "the newest 50 (pulse.chat.history-size), oldest first");
        }

        long after = stored.get(0);
        try (WsClient resumed = pair.b().connect(path + "?after=" + after)) {
            JsonObject gap = resumed.nextJson();
            assertEquals("gap", gap.getString("event"));
            assertEquals(after, gap.getJsonNumber("after").longValue());
            long next = gap.getJsonNumber("next").longValue();
            assertEquals(stored.get(posted - 200), next);
            List<Long> replayed = new ArrayList<>();
            JsonObject frame;
            while (isMessage(frame = nextIgnoringPresence(resumed))) {
                replayed.add(frame.getJsonObject("message").getJsonNumber("id").longValue());
            }
            assertEquals(stored.subList(posted - 200, posted), replayed, "the newest 200 (pulse.chat.resume-limit)");

            // The skipped range is recoverable over HTTP.
            List<Long> filled = new ArrayList<>();
            long from = after;
            JsonObject page;
            do {
                page = page(pair.b(), pair.room(), "?after=" + from + "&before=" + next + "&limit=2");
                filled.addAll(ids(page));
                from = filled.get(filled.size() - 1);
            } while (page.getBoolean("more"));
            assertEquals(stored.subList(1, posted - 200), filled);
        }
        // A huge limit is capped (pulse.chat.history-page-max), and says there is more.
        JsonObject capped = page(pair.b(), pair.room(), "?limit=1000000");
        assertEquals(200, ids(capped).size(), "capped at pulse.chat.history-page-max");
        assertTrue(capped.getBoolean("more"));
        assertEquals(stored.subList(posted - ids(capped).size(), posted), ids(capped));
    }

    // ---- history over HTTP

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getJsonNumber("id").longValue()).toList();
    }

    private static JsonObject page(AccountSession user, String room, String query) {
        HttpResponse<String> response = user.get("api/chat/rooms/" + room + "/messages" + query);
        assertEquals(200, response.statusCode(), response.body());
        return WsClient.parse(response.body());
    }

    @Test
    void historyPagesBackAndForwardOverHttpWithTheSocketsMessageJson() throws Exception {
        Pair pair = privatePair("page");
        String path = "ws/rooms/" + pair.room() + "/";
        List<JsonObject> live = new ArrayList<>();
        try (WsClient writer = pair.a().connect(path)) {
            joined(writer);
            for (int i = 0; i < 12; i++) {
                writer.send(post("p" + i));
            }
            for (int i = 0; i < 12; i++) {
                live.add(writer.nextJson(ChatIT::isMessage).getJsonObject("message"));
            }
        }
        List<Long> stored = storedIds(pair.room());
        assertEquals(12, stored.size());

        JsonObject all = page(pair.b(), pair.room(), "");
        assertEquals(stored, ids(all));
        assertFalse(all.getBoolean("more"));
        assertEquals(live, all.getJsonArray("messages").getValuesAs(JsonObject.class), "the same message JSON as the socket");

        JsonObject back = page(pair.b(), pair.room(), "?before=" + stored.get(10) + "&limit=3");
        assertEquals(stored.subList(7, 10), ids(back));
        assertTrue(back.getBoolean("more"));
        JsonObject first = page(pair.b(), pair.room(), "?before=" + stored.get(2) + "&limit=3");
        assertEquals(stored.subList(0, 2), ids(first));
        assertFalse(first.getBoolean("more"));

        // Filling a gap: forward from `after`, bounded by `before`, page by page.
        JsonObject forward = page(pair.b(), pair.room(), "?after=" + stored.get(2) + "&before=" + stored.get(9) + "&limit=4");
        assertEquals(stored.subList(3, 7), ids(forward));
        assertTrue(forward.getBoolean("more"));
        JsonObject rest = page(pair.b(), pair.room(), "?after=" + stored.get(6) + "&before=" + stored.get(9) + "&limit=4");
        assertEquals(stored.subList(7, 9), ids(rest));
        assertFalse(rest.getBoolean("more"));
    }

    @Test
    void historyOverHttpIsForMembersWithValidParameters() {
        Pair pair = privatePair("hacl");
        String messages = "api/chat/rooms/" + pair.room() + "/messages";
        AccountSession stranger = AccountSession.newUser(base, "peek");
        assertEquals(403, stranger.get(messages).statusCode());
        assertEquals(401, new AccountSession(base).get(messages).statusCode());
        assertEquals(404, stranger.get("api/chat/rooms/no-such-room-" + stranger.username() + "/messages").statusCode());
        assertEquals(200, stranger.get("api/chat/rooms/lobby/messages?limit=1").statusCode());
        for (String bad : List.of("?after=abc", "?before=-1", "?limit=0", "?limit=x")) {
            HttpResponse<String> refused = pair.a().get(messages + bad);
            assertEquals(400, refused.statusCode(), bad);
            assertTrue(WsClient.parse(refused.body()).getString("error").contains("must be"), refused.body());
        }
    }

    @Test
    void loggingOutClosesTheRoomSocketsOfThatSession() {
        AccountSession user = AccountSession.newUser(base, "leaver");
        try (WsClient socket = user.connect("ws/rooms/lobby/")) {
            joined(socket);
            assertEquals(204, user.post("api/accounts/logout", null).statusCode());
            assertEquals(1008, socket.awaitClose());
        }
    }

    @Test
    void theChatPageLoadsEarlierMessagesAndFillsAGapAfterResuming() throws Exception {
        Pair pair = privatePair("ui");
        String path = "ws/rooms/" + pair.room() + "/";
        List<String> sent = new ArrayList<>();
        try (WsClient writer = pair.b().connect(path)) {
            joined(writer);
            for (int i = 0; i < 60; i++) {
                sent.add("h" + i);
                writer.send(post("h" + i));
                writer.nextJson(ChatIT::isMessage);
            }
        }
        String root = base.toExternalForm().endsWith("/") ? base.toExternalForm() : base.toExternalForm() + "/";
        org.openqa.selenium.chrome.ChromeDriver driver = dev.pulse.support.Browser.start();
        try {
            driver.get(root + "accounts/login.html?next=" + java.net.URLEncoder.encode("/chat/room.html?room=" + pair.room(),
                    java.nio.charset.StandardCharsets.UTF_8));
            driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(pair.a().username());
            driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(AccountSession.PASSWORD);
            driver.findElement(org.openqa.selenium.By.cssSelector("#login button")).click();
            WsClient.eventually(() -> assertEquals("connected", driver.findElement(org.openqa.selenium.By.id("connection")).getText()));
            WsClient.eventually(() -> assertEquals(sent.get(sent.size() - 1), last(bodies(driver))));
            assertTrue(bodies(driver).size() < sent.size(), "the join shows only the newest history");

            org.openqa.selenium.WebElement loadEarlier = driver.findElement(org.openqa.selenium.By.id("load-earlier"));
            WsClient.eventually(() -> {
                if (loadEarlier.isDisplayed() && loadEarlier.isEnabled()) {
                    loadEarlier.click();
                }
                assertFalse(loadEarlier.isDisplayed(), "no more earlier messages");
            });
            assertEquals(sent, bodies(driver), "all of them, in order, once");

            // Disconnected long enough to miss more than the server replays: the page fills the gap over HTTP.
            driver.executeScript("client.suspend();");
            try (WsClient writer = pair.b().connect(path)) {
                joined(writer);
                for (int i = 0; i < 205; i++) {
                    sent.add("g" + i);
                    writer.send(post("g" + i));
                }
                for (int i = 0; i < 205; i++) {
                    writer.nextJson(ChatIT::isMessage);
                }
            }
            driver.executeScript("client.resume();");
            WsClient.eventually(() -> assertEquals(sent.size(), bodies(driver).size()));
            assertEquals(sent, bodies(driver), "the gap was filled, in order, nothing twice");
            WsClient.eventually(() -> assertEquals("connected", driver.findElement(org.openqa.selenium.By.id("connection")).getText()));
        } finally {
            driver.quit();
        }
    }

    @Test
    void aFloodingUserGetsErrorsAndTheSocketStaysUsable() throws Exception {
        Pair pair = privatePair("flood");
        String path = "ws/rooms/" + pair.room() + "/";
        try (WsClient writer = pair.a().connect(path)) {
            joined(writer);
            int sent = 320;
            // The limiter counts in fixed 60 s windows (RateLimiter, a sliding-window estimate): exact
            // within one window, so the flood's first and last post must fall in the same one.
            long firstWindow = System.currentTimeMillis() / 60_000;
            for (int i = 0; i < sent; i++) {
                writer.send(post("f" + i));
            }
            // Every post answers its sender once: its own message back, or an error.
            int echoed = 0;
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                JsonObject frame = writer.nextJson(f -> !f.getString("event").equals("online_count"));
                if (isMessage(frame)) {
                    echoed++;
                } else {
                    assertEquals("error", frame.getString("event"), frame.toString());
                    errors.add(frame.getString("message"));
                }
            }
            // pulse.chat.post-limit (300 per 60 s, the documented default the test environment keeps) for this fresh user.
            boolean oneWindow = System.currentTimeMillis() / 60_000 == firstWindow;
            if (oneWindow) {
                assertEquals(300, echoed, "messages admitted");
                assertEquals(sent - 300, errors.size(), "messages refused");
            } else {
                // Across a window boundary the estimate weighs the earlier window's count (and a lease of
                // 300 / 20 permits may lapse): within one lease of the limit.
                assertTrue(echoed >= 300 - 15 && echoed <= 300 + 15, "messages admitted across a window boundary: " + echoed);
            }
            assertTrue(errors.get(0).matches("Too many messages, retry in \\d+ s"), errors.get(0));
            assertEquals(echoed, storedIds(pair.room()).size(), "refused messages are not stored");

            writer.send("{not json");
            assertTrue(writer.nextJson(f -> f.getString("event").equals("error")).getString("message").startsWith("Malformed JSON"));
        }
    }

    private static String last(List<String> values) {
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
