package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.ContainerCloseRace;
import dev.pulse.support.PayaraMicroProcess;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9's bad-input suite: every kind of bad frame, handshake, byte and body against every socket
 * endpoint and the API, over real sockets (raw ones where the JDK client cannot produce the input).
 * It runs against a Payara Micro of its own, outside the test cluster, so that its last test can read
 * that server's whole log and find no stack trace caused by any of it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final String LONE_SURROGATE_ERROR = "Invalid text: lone surrogate \\ud83d is not valid Unicode";
    private static final String NUL_ERROR = "Invalid text: NUL (\\u0000) is not allowed";
    private static final String TRAILING_ERROR = "Malformed JSON: unexpected text after the JSON value";
    private static final String DEEP_ERROR = "Malformed JSON: nested deeper than 32 levels";
    private static final String DEEP = "[".repeat(1000) + "]".repeat(1000);

    private static PayaraMicroProcess server;
    private static URL base;
    private static AccountSession user;

    @BeforeAll
    static void start() {
        // The race case starts 20 bursts in a row from one address: lift the per-address limit (its own test is BurstLimitIT).
        // Outside the test cluster: no other class's group traffic (a burst to test_consumer_group still
        // running) reaches sockets here, so every frame they get is this class's doing. No price feed:
        // outside the cluster its prices would reach the shared database behind the shared server's cache.
        server = PayaraMicroProcess.standalone("bad-input", Map.of("PULSE_NOTIFICATIONS_BURST_REQUESTS_PER_MINUTE", "1000",
                "PULSE_FEED_AUTOSTART", "false"));
        base = server.base();
        user = AccountSession.newUser(base, "bad");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Every socket endpoint, with what it needs to open (a logged-in session for some). */
    static Stream<String> endpoints() {
        return Stream.of("/ws/chat/", "/ws/test/", "/ws/realtime/", "/ws/tick/", "/ws/notifications/",
                "/ws/accounts/me/", "/ws/rooms/lobby/");
    }

    /** An upgraded socket, live both ways (a ping answered) before the test sends its bad input. */
    private static RawSocket openRaw(String path) {
        return upgraded(path).awaitLive();
    }

    /** An upgraded socket, used at once: for a socket the server refuses as it opens. */
    private static RawSocket upgraded(String path) {
        RawSocket socket = RawSocket.open(base, path, user.cookieHeader());
        assertEquals(101, socket.status(), path);
        return socket;
    }

    // ---- frames: size, binary, masking (RawSocket: the JDK client cannot send these)

    @ParameterizedTest
    @MethodSource("endpoints")
    @Order(1)
    void anUnfragmentedFrameOverTheLimitCloses1009(String path) {
        try (RawSocket socket = openRaw(path)) {
            socket.sendText("{\"message\":\"" + "x".repeat(70 * 1024) + "\"}");
            RawSocket.Frame close = socket.awaitClose();
            assertEquals(1009, close.closeCode());
            assertEquals("Message larger than 65536 bytes", close.closeReason());
        }
    }

    @Test
    @Order(1)
    void aFourMebibyteFrameCloses1009WithoutBeingRead() {
        try (RawSocket socket = openRaw("/ws/chat/")) {
            socket.send(0x1, new byte[4 * 1024 * 1024 + 1], true, true);
            assertEquals(1009, socket.awaitClose().closeCode());
        }
    }

    @Test
    @Order(1)
    void fragmentsAddUpToTheLimit() {
        try (RawSocket socket = openRaw("/ws/chat/")) {
            byte[] half = "x".repeat(40 * 1024).getBytes(StandardCharsets.US_ASCII);
            socket.send(0x1, half, false, true).send(0x0, half, true, true);
            assertEquals(1009, socket.awaitClose().closeCode());
        }
        try (RawSocket socket = openRaw("/ws/chat/")) {
            socket.send(0x1, "{\"message\":\"ab".getBytes(StandardCharsets.UTF_8), false, true)
                    .send(0x0, "cd\"}".getBytes(StandardCharsets.UTF_8), true, true);
            assertEquals("You said: abcd", socket.nextText());
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    @Order(1)
    void aBinaryFrameCloses1003(String path) {
        try (RawSocket socket = openRaw(path)) {
            socket.send(0x2, new byte[] {1, 2, 3}, true, true);
            RawSocket.Frame close = socket.awaitClose();
            assertEquals(1003, close.closeCode());
            assertEquals("Binary frames are not accepted: send text", close.closeReason());
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    @Order(1)
    void anUnmaskedFrameCloses1002(String path) {
        try (RawSocket socket = openRaw(path)) {
            socket.send(0x1, "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_8), true, false);
            RawSocket.Frame close = socket.awaitClose();
            assertEquals(1002, close.closeCode());
            assertEquals("Client frames must be masked", close.closeReason());
        }
    }

    // ---- handshakes

    @ParameterizedTest
    @ValueSource(strings = {"/ws/chat/?x=100%", "/ws/chat/?x=%ZZ", "/ws/tick/?client_id=abc%", "/ws/realtime/?x=%00",
        "/ws/test/?x=%C3%28", "/ws/ch<at/", "/ws/rooms/a\"b/"})
    @Order(1)
    void aHandshakePulseCannotParseIs400(String target) {
        try (RawSocket socket = RawSocket.open(base, target)) {
            assertEquals(400, socket.status());
        }
    }

    @Test
    @Order(1)
    void aRawNonAsciiByteInTheQueryIs400() {
        byte[] target = "/ws/chat/?x=\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        try (RawSocket socket = RawSocket.open(base, target, Map.of())) {
            assertEquals(400, socket.status());
        }
    }

    @Test
    @Order(1)
    void aNulInThePathIs400() {
        try (RawSocket socket = RawSocket.open(base, "/ws/chat%00/")) {
            assertEquals(400, socket.status());
        }
    }

    @Test
    @Order(1)
    void noSuchSocketIs404() {
        try (RawSocket socket = RawSocket.open(base, "/ws/nothing-here/")) {
            assertEquals(404, socket.status());
        }
    }

    @Test
    @Order(1)
    void aRefusedTickSocketDropsTheFrameSentRightAfterTheHandshake() {
        for (int i = 0; i < 10; i++) {
            try (RawSocket socket = upgraded("/ws/tick/?client_id=not%20valid")) {
                socket.sendText("{\"event\":\"subscribe_ticks\",\"symbol\":\"AAPL\"}");
                RawSocket.Frame close = socket.awaitClose();
                assertEquals(1008, close.closeCode());
            }
        }
    }

    @Test
    @Order(1)
    void theFirstBurstFrameReachesASocketThatJustOpened() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 20; i++) {
            // A raw socket that lets the server end each connection: the JDK client's own TCP close
            // races the server's, and twenty such races in a row left the container's recycled
            // request objects to the next socket this class opened, which then never answered
            // (aBinaryFrameCloses1003 on /ws/test/, the test after this one, in several CI runs; docs/known-issues.md).
            try (RawSocket socket = openRaw("/ws/test/")) {
                HttpResponse<String> started = http.send(HttpRequest.newBuilder(
                        URI.create(base + "api/notifications/burst/?count=3&interval_ms=10")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(202, started.statusCode(), started.body());
                assertEquals("{\"count\": 1}", socket.nextText());
                assertEquals("{\"count\": 2}", socket.nextText());
                assertEquals("{\"count\": 3}", socket.nextText());
                assertEquals(1000, socket.closeNormally().closeCode());
            }
        }
    }

    // ---- text each endpoint cannot use, answered in its dialect; the socket stays usable

    @Test
    @Order(1)
    void echoRefusesInvalidTextAndStaysUsable() {
        try (RawSocket socket = openRaw("/ws/chat/")) {
            socket.sendText("{\"message\":\"a\\ud83db\"}");
            assertEquals(LONE_SURROGATE_ERROR, error(socket.nextText()));
            socket.sendText("{\"message\":\"\\u0000x\"}");
            assertEquals(NUL_ERROR, error(socket.nextText()));
            socket.sendText("{\"message\":\"x\"} garbage");
            assertEquals(TRAILING_ERROR, error(socket.nextText()));
            socket.sendText(DEEP);
            assertEquals(DEEP_ERROR, error(socket.nextText()));
            socket.sendText("{\"message\":\"still here\"}");
            assertEquals("You said: still here", socket.nextText());
        }
    }

    private static String error(String frame) {
        return WsClient.parse(frame).getString("error");
    }

    @Test
    @Order(1)
    void realtimeAnswersInvalidJsonErrors() {
        try (RawSocket socket = openRaw("/ws/realtime/")) {
            assertEquals("connection", WsClient.parse(socket.nextText()).getString("type"));
            socket.sendText("{\"type\":\"a\\ud83d\"}");
            assertRealtimeError(socket.nextText(), "invalid_json", LONE_SURROGATE_ERROR);
            socket.sendText("{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"\\u0000AAPL\"}}");
            assertRealtimeError(socket.nextText(), "invalid_json", NUL_ERROR);
            socket.sendText(DEEP);
            assertRealtimeError(socket.nextText(), "invalid_json", DEEP_ERROR);
            socket.sendText("{\"type\":\"ping\"} {}");
            assertRealtimeError(socket.nextText(), "invalid_json", TRAILING_ERROR);
            socket.sendText("{\"type\":\"ping\"}");
            assertEquals("pong", WsClient.parse(socket.nextText()).getString("type"));
        }
    }

    private static void assertRealtimeError(String frame, String code, String message) {
        JsonObject error = WsClient.parse(frame);
        assertEquals("error", error.getString("type"));
        assertEquals(code, error.getJsonObject("data").getString("code"));
        assertEquals(message, error.getJsonObject("data").getString("message"));
    }

    @Test
    @Order(1)
    void tickAnswersInvalidJsonErrors() {
        try (RawSocket socket = openRaw("/ws/tick/?client_id=bad-input")) {
            assertEquals("connected", WsClient.parse(socket.nextText()).getString("event"));
            socket.sendText("{\"event\":\"subscribe_ticks\",\"symbol\":\"\\ud83d\"}");
            assertTickError(socket.nextText(), LONE_SURROGATE_ERROR);
            socket.sendText(DEEP);
            assertTickError(socket.nextText(), DEEP_ERROR);
            socket.sendText("{\"event\":\"stop_all\"}x");
            assertTickError(socket.nextText(), TRAILING_ERROR);
            socket.sendText("{\"event\":\"stop_all\"}");
            assertEquals("stopped", WsClient.parse(socket.nextText()).getString("event"));
        }
    }

    private static void assertTickError(String frame, String message) {
        JsonObject error = WsClient.parse(frame);
        assertEquals("error", error.getString("event"));
        assertEquals(message, error.getString("message"));
    }

    @Test
    @Order(1)
    void aRoomNeverStoresInvalidTextAndKeepsWorking() {
        AccountSession a = AccountSession.newUser(base, "bada");
        AccountSession b = AccountSession.newUser(base, "badb");
        HttpResponse<String> opened = a.post("api/chat/private/" + b.username(), null);
        assertEquals(200, opened.statusCode(), opened.body());
        String room = WsClient.parse(opened.body()).getString("room");
        try (RawSocket socket = RawSocket.open(base, "/ws/rooms/" + room + "/", a.cookieHeader())) {
            assertEquals(101, socket.status());
            socket.sendText("{\"body\":\"x \\ud83d y\"}");
            assertEquals(LONE_SURROGATE_ERROR, roomError(socket));
            socket.sendText("{\"body\":\"x \\u0000 y\"}");
            assertEquals(NUL_ERROR, roomError(socket));
            socket.sendText("{\"body\":\"x\"} garbage");
            assertEquals(TRAILING_ERROR, roomError(socket));
            socket.sendText(DEEP);
            assertEquals(DEEP_ERROR, roomError(socket));
            socket.sendText("{\"body\":\"fine\"}");
            assertEquals("fine", nextRoomMessage(socket).getString("body"));
        }
        // A later join replays the history: only the valid message is in it.
        try (RawSocket socket = RawSocket.open(base, "/ws/rooms/" + room + "/", b.cookieHeader())) {
            assertEquals(101, socket.status());
            assertEquals("fine", nextRoomMessage(socket).getString("body"));
        }
        String history = b.get("api/chat/rooms/" + room + "/messages").body();
        assertEquals(1, WsClient.parse(history).getJsonArray("messages").size(), history);
    }

    private static String roomError(RawSocket socket) {
        for (;;) {
            JsonObject event = WsClient.parse(socket.nextText());
            if ("error".equals(event.getString("event"))) {
                return event.getString("message");
            }
        }
    }

    private static JsonObject nextRoomMessage(RawSocket socket) {
        for (;;) {
            JsonObject event = WsClient.parse(socket.nextText());
            if ("message".equals(event.getString("event"))) {
                return event.getJsonObject("message");
            }
        }
    }

    @Test
    @Order(1)
    void pushOnlySocketsAnswerTextWithAnError() {
        try (RawSocket socket = openRaw("/ws/notifications/")) {
            assertTrue(WsClient.parse(socket.nextText()).containsKey("count"));
            socket.sendText("hello");
            assertEquals("This socket only pushes; mark notifications seen over HTTP", error(socket.nextText()));
        }
        try (RawSocket socket = openRaw("/ws/accounts/me/")) {
            assertEquals(user.username(), WsClient.parse(socket.nextText()).getString("username"));
            socket.sendText("hello");
            assertEquals("This socket only tells who you are; it takes no messages", error(socket.nextText()));
        }
    }

    // ---- the API

    @ParameterizedTest
    @ValueSource(strings = {"{\"username\": \"x", "{\"username\": \"a\\u0000b\", \"password\": \"p\"}",
        "{\"username\": \"a\"} trailing", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"})
    @Order(1)
    void malformedBodiesGetAJson400OnEveryApiEndpoint(String body) {
        AccountSession session = AccountSession.newUser(base, "body");
        for (String path : List.of("api/accounts/register", "api/accounts/login", "api/accounts/password",
                "api/realtime/force_price_update/", "api/portfolios")) {
            HttpResponse<String> response = session.post(path, body);
            assertEquals(400, response.statusCode(), path + " " + response.body());
            assertEquals("invalid_json", WsClient.parse(response.body()).getString("error"), path);
        }
    }

    @Test
    @Order(1)
    void aWronglyTypedBodyIsAJson400() {
        HttpResponse<String> response = new AccountSession(base).post("api/accounts/login", "[\"username\"]");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_request", WsClient.parse(response.body()).getString("error"));
    }

    @Test
    @Order(1)
    void aBadQueryEscapeIsAJson400() throws Exception {
        try (RawSocket socket = RawSocket.open(base, "/api/notifications/burst/?count=%ZZ")) {
            assertEquals(400, socket.status());
        }
    }

    @Test
    @Order(1)
    void theJdkHttpClientWithDefaultSettingsWorksOverOneKeptAliveConnection() throws Exception {
        // No .version(...): the client prefers HTTP/2 and offers an h2c upgrade on every request.
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String name = AccountSession.uniqueName("jdk");
        String credentials = AccountSession.credentials(name, AccountSession.PASSWORD);
        assertEquals(201, post(http, "api/accounts/register", credentials).statusCode());
        assertEquals(200, post(http, "api/accounts/login", credentials).statusCode());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> update = post(http, "api/realtime/force_price_update/", "{\"symbols\": [\"AAPL\"]}");
            assertEquals(200, update.statusCode(), update.body());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "api/accounts/me")).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    private static HttpResponse<String> post(HttpClient http, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ---- last: nothing above left a stack trace in the server's log

    @Test
    @Order(Integer.MAX_VALUE)
    void noClientInputLeftAStackTraceInTheServerLog() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("target", "payara-bad-input.log"), StandardCharsets.UTF_8);
        // From the moment the server was ready: what it logs while booting is not the clients' doing.
        int ready = 0;
        while (ready < lines.size() && !(lines.get(ready).contains("[PayaraMicro]") && lines.get(ready).contains(" ready in "))) {
            ready++;
        }
        List<String> traces = new ArrayList<>();
        for (int i = Math.max(1, ready + 1); i < lines.size(); i++) {
            if (!lines.get(i).startsWith("\tat ") || lines.get(i - 1).startsWith("\tat ")) {
                continue;
            }
            // One trace: the line naming the exception, then its frames and causes.
            int end = i;
            while (end < lines.size() && (lines.get(end).startsWith("\tat ") || lines.get(end).startsWith("Caused by")
                    || lines.get(end).startsWith("\t... "))) {
                end++;
            }
            List<String> trace = lines.subList(i - 1, end);
            if (!ContainerCloseRace.matches(trace)) {
                traces.add(String.join("\n", trace.subList(0, Math.min(trace.size(), 40))));
            }
            i = end;
        }
        assertEquals(List.of(), traces);
    }
}
