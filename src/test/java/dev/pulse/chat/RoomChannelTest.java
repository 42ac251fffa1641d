package dev.pulse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.realtime.FakeSocket;
import dev.pulse.realtime.HubHarness;
import dev.pulse.realtime.MalformedMessageException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The room channel without a database: refusals at join, and frames refused in chat's dialect
 * ({@code {"event":"error","message":...}}) with the socket staying open. Posting stays in ChatIT.
 */
class RoomChannelTest {

    private HubHarness harness;
    private RoomChannel channel;
    private final AtomicInteger left = new AtomicInteger();
    private RoomAccess.Verdict verdict = RoomAccess.Verdict.GRANTED;
    private RuntimeException accessFailure;

    @BeforeEach
    void start() {
        harness = HubHarness.start();
        channel = new RoomChannel();
        channel.codec = harness.codec();
        channel.rooms = new ChatRooms() {
            @Override
            public RoomAccess access(String roomName, String username) {
                if (accessFailure != null) {
                    throw accessFailure;
                }
                return new RoomAccess(verdict, 1, roomName, false);
            }
        };
        channel.sessions = new RoomSessions() {
            @Override
            public void join(dev.pulse.realtime.Connection connection, RoomAccess room, OptionalLong after) {
                // joined: nothing to replay here
            }

            @Override
            public void leave(dev.pulse.realtime.Connection connection) {
                left.incrementAndGet();
            }
        };
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private FakeSocket join(FakeSocket socket) {
        harness.sockets().open(socket.session(), channel, Map.of("room", "lobby"));
        return socket;
    }

    @Test
    void refusesAsBefore() {
        assertRefused(join(FakeSocket.open()), 1008, "Authentication required");
        assertRefused(join(FakeSocket.open("alice").query("after", "x")), 1008, "after must be a message id");
        assertRefused(join(FakeSocket.open("alice").query("after", "-1")), 1008, "after must be a message id");
        verdict = RoomAccess.Verdict.UNKNOWN_ROOM;
        assertRefused(join(FakeSocket.open("alice")), 1008, "Unknown room");
        verdict = RoomAccess.Verdict.NOT_A_MEMBER;
        assertRefused(join(FakeSocket.open("alice")), 1008, "Not a member of this room");
        accessFailure = new IllegalStateException("database down");
        assertRefused(join(FakeSocket.open("alice")), 1011, "Try again later");
    }

    @Test
    void badFramesAreChatErrorsAndTheSocketStaysOpen() {
        FakeSocket socket = join(FakeSocket.open("alice").query("after", "3"));
        assertError(socket, "not json", null);
        assertError(socket, "{\"body\": 5}", "Expected {\"body\": \"<text>\"}");
        assertError(socket, "{\"message\": 5}", "Expected {\"body\": \"<text>\"}");
        assertError(socket, "{\"text\": \"hi\"}", "Expected {\"body\": \"<text>\"}");
        assertError(socket, "{\"body\": \"   \"}", "Message is empty");
        assertError(socket, "{\"message\": \" \"}", "Message is empty");
        assertError(socket, "{\"read\": -1}", "read must be a message id");
        assertError(socket, "{\"read\": \"7\"}", "read must be a message id");
        assertError(socket, "{\"typing\": 1}", "typing must be true or false");
        assertFalse(socket.isClosed());
    }

    @Test
    void leavesOnClose() {
        FakeSocket socket = join(FakeSocket.open("alice"));
        harness.sockets().close(socket.session(), channel);
        assertEquals(1, left.get());
        assertEquals(0, harness.hub().connectionCount());
    }

    @Test
    void theBodyIsStrippedAndItsLengthConfigured() throws MalformedMessageException {
        assertEquals("hi", new RoomFrame(" hi ", null).text(5));
        assertEquals("seed", new RoomFrame(null, Json.createValue("seed")).text(5));
        assertEquals("body", new RoomFrame("body", Json.createValue("seed")).text(5));
        MalformedMessageException tooLong = assertThrows(MalformedMessageException.class,
                () -> new RoomFrame("123456", null).text(5));
        assertEquals("Message is longer than 5 characters", tooLong.getMessage());
    }

    private static void assertRefused(FakeSocket socket, int code, String reason) {
        assertEquals(code, socket.awaitClose());
        assertEquals(reason, socket.closeReason());
    }

    private void assertError(FakeSocket socket, String text, String message) {
        harness.sockets().message(socket.session(), channel, text);
        JsonObject frame = Json.createReader(new StringReader(socket.nextFrame())).readObject();
        assertEquals("error", frame.getString("event"), frame.toString());
        if (message != null) {
            assertEquals(message, frame.getString("message"));
        }
    }
}
