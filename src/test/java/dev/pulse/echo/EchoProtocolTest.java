package dev.pulse.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.realtime.FakeSocket;
import dev.pulse.realtime.HubHarness;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.Session;
import java.io.StringReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The echo protocol of seed 002 ({@code /ws/chat/}) in memory: {@code {"message":"Hello Django"}}
 * is answered {@code You said: Hello Django}; bad input gets an {@code {"error": ...}} frame and
 * the socket stays usable. Frame size (1009) and the handshake stay in {@code RealtimeEndpointsIT}.
 */
class EchoProtocolTest {

    private HubHarness harness;
    private EchoEndpoint endpoint;
    private FakeSocket socket;
    private Session session;

    @BeforeEach
    void open() {
        harness = HubHarness.start();
        endpoint = new EchoEndpoint();
        endpoint.sockets = harness.sockets();
        endpoint.channel = new EchoChannel();
        endpoint.channel.codec = harness.codec();
        socket = FakeSocket.open();
        session = socket.session();
        endpoint.open(session);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void answersAsSeed002() {
        endpoint.message("{\"message\":\"Hello Django\"}", session);
        assertEquals("You said: Hello Django", socket.nextFrame());
    }

    @Test
    void keepsUnicodeIntact() {
        endpoint.message("{\"message\":\"héllo ✓ 日本\"}", session);
        assertEquals("You said: héllo ✓ 日本", socket.nextFrame());
    }

    @Test
    void explainsBadInputAndStaysUsable() {
        endpoint.message("{\"message\": ", session);
        assertTrue(error(socket.nextFrame()).startsWith("Malformed JSON"));

        endpoint.message("[\"message\"]", session);
        assertEquals("Expected a JSON object, got array", error(socket.nextFrame()));

        endpoint.message("{\"message\": 42}", session);
        assertEquals("Expected {\"message\": \"<text>\"}", error(socket.nextFrame()));

        endpoint.message("{\"text\": \"hi\"}", session);
        assertEquals("Expected {\"message\": \"<text>\"}", error(socket.nextFrame()));

        endpoint.message("{\"message\": null}", session);
        assertEquals("Expected {\"message\": \"<text>\"}", error(socket.nextFrame()));

        endpoint.message("{\"message\":\"still here\"}", session);
        assertEquals("You said: still here", socket.nextFrame());
        assertEquals(6, socket.frames().size());
        assertFalse(socket.isClosed());
    }

    @Test
    void answersEachSocketOnItsOwn() {
        FakeSocket other = FakeSocket.open();
        endpoint.open(other.session());
        endpoint.message("{\"message\":\"one\"}", session);
        endpoint.message("{\"message\":\"two\"}", other.session());
        assertEquals("You said: one", socket.nextFrame());
        assertEquals("You said: two", other.nextFrame());
        assertEquals(1, socket.frames().size());
    }

    @Test
    void aClosedSocketLeavesTheHub() {
        assertEquals(1, harness.hub().connectionCount());
        endpoint.close(session);
        assertEquals(0, harness.hub().connectionCount());
    }

    private static String error(String frame) {
        JsonObject object = Json.createReader(new StringReader(frame)).readObject();
        return object.getString("error");
    }
}
