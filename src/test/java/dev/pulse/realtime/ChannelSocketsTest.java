package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.realtime.MalformedMessageException.Kind;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one socket life of every endpoint ({@link ChannelSockets}) and the decoding of frames into
 * validated records ({@link FrameDecoder}), with a channel made for the test.
 */
class ChannelSocketsTest {

    record Frame(@NotNull(message = "say is required") @Size(max = 5, message = "say is too long") String say,
            Long times, Inner inner) {

        @AssertTrue(message = "times must be positive")
        boolean isPositive() {
            return times == null || times > 0;
        }
    }

    record Inner(@NotNull(message = "inner.name is required") String name) {
    }

    /** Echoes {@code say}; its errors are {@code {"kind": ..., "property": ..., "message": ...}}. */
    static final class TestChannel implements Channel<Frame> {
        final List<String> events = new CopyOnWriteArrayList<>();
        Channel.Refusal refusal;
        RuntimeException joinFailure;

        @Override
        public Optional<Refusal> join(Connection connection, Joining joining) {
            events.add("join " + joining.path("room") + " " + joining.query("after"));
            if (joinFailure != null) {
                throw joinFailure;
            }
            return Optional.ofNullable(refusal);
        }

        @Override
        public void handle(Connection connection, Frame frame) {
            connection.send("said " + frame.say());
        }

        @Override
        public String error(Connection connection, MalformedMessageException problem) {
            return Json.createObjectBuilder().add("kind", problem.kind().name())
                    .add("property", String.valueOf(problem.property())).add("message", problem.getMessage()).build().toString();
        }

        @Override
        public void leave(Connection connection) {
            events.add("leave");
        }
    }

    private HubHarness harness;
    private ChannelSockets sockets;
    private TestChannel channel;

    @BeforeEach
    void start() {
        harness = HubHarness.start();
        sockets = harness.sockets();
        channel = new TestChannel();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void joinsWithPathAndQueryAndHandlesDecodedFrames() {
        FakeSocket socket = FakeSocket.open("alice").query("after", "7");
        sockets.open(socket.session(), channel, Map.of("room", "lobby"));
        assertEquals(List.of("join lobby 7"), channel.events);

        sockets.message(socket.session(), channel, "{\"say\":\"hi\",\"times\":2,\"inner\":{\"name\":\"x\"}}");
        assertEquals("said hi", socket.nextFrame());
        assertFalse(socket.isClosed());
    }

    @Test
    void aRefusalClosesWithItsCodeAndReasonAndLeaveStillRuns() {
        channel.refusal = Channel.Refusal.policy("Not for you");
        FakeSocket socket = FakeSocket.open();
        sockets.open(socket.session(), channel);
        assertEquals(1008, socket.awaitClose());
        assertEquals("Not for you", socket.closeReason());

        sockets.message(socket.session(), channel, "{\"say\":\"hi\"}");
        sockets.close(socket.session(), channel);
        assertEquals(List.of("join null null", "leave"), channel.events);
        assertTrue(socket.frames().isEmpty(), "a refused socket's frames are dropped: " + socket.frames());
        assertEquals(0, harness.hub().connectionCount());
    }

    @Test
    void aRuntimeExceptionWhileJoiningClosesTryAgainLater() {
        channel.joinFailure = new IllegalStateException("database down");
        FakeSocket socket = FakeSocket.open();
        sockets.open(socket.session(), channel);
        assertEquals(1011, socket.awaitClose());
        assertEquals("Try again later", socket.closeReason());
    }

    @Test
    void closeLeavesAndForgetsTheSocketAndToleratesOneNeverOpened() {
        FakeSocket socket = FakeSocket.open();
        sockets.open(socket.session(), channel);
        assertEquals(1, harness.hub().connectionCount());
        sockets.close(socket.session(), channel);
        assertEquals(0, harness.hub().connectionCount());
        assertEquals("leave", channel.events.get(channel.events.size() - 1));

        FakeSocket neverOpened = FakeSocket.open();
        sockets.close(neverOpened.session(), channel);
        sockets.error(neverOpened.session(), channel, new IllegalStateException("gone"));
        assertEquals(2, channel.events.size());
    }

    @Test
    void badFramesGetTheChannelsErrorFrameAndTheSocketStaysOpen() {
        FakeSocket socket = FakeSocket.open();
        sockets.open(socket.session(), channel);

        assertProblem(socket, "not json", "SYNTAX", "null", null);
        assertProblem(socket, "[1]", "INVALID_SHAPE", "null", "Expected a JSON object, got array");
        assertProblem(socket, "{}", "MISSING", "say", "say is required");
        assertProblem(socket, "{\"say\":null}", "MISSING", "say", "say is required");
        // JSON-B would coerce 5 into "5": the decoder does not.
        assertProblem(socket, "{\"say\":5}", "WRONG_TYPE", "say", "say must be a string");
        assertProblem(socket, "{\"say\":\"toolong\"}", "INVALID_VALUE", "say", "say is too long");
        assertProblem(socket, "{\"say\":\"hi\",\"times\":1.5}", "WRONG_TYPE", "times", "times must be an integer");
        assertProblem(socket, "{\"say\":\"hi\",\"times\":\"2\"}", "WRONG_TYPE", "times", "times must be an integer");
        assertProblem(socket, "{\"say\":\"hi\",\"times\":-1}", "INVALID_VALUE", "positive", "times must be positive");
        assertProblem(socket, "{\"say\":\"hi\",\"inner\":[]}", "WRONG_TYPE", "inner", "inner must be a JSON object");
        assertProblem(socket, "{\"say\":\"hi\",\"inner\":{}}", "MISSING", "inner.name", "inner.name is required");
        // The first problem in component order: the missing say before the mistyped times.
        assertProblem(socket, "{\"times\":\"x\"}", "MISSING", "say", "say is required");
        assertProblem(socket, "{\"say\":[],\"times\":\"x\"}", "WRONG_TYPE", "say", "say must be a string");

        sockets.message(socket.session(), channel, "{\"say\":\"still\"}");
        assertEquals("said still", socket.nextFrame());
        assertFalse(socket.isClosed());
    }

    @Test
    void stringAndJsonObjectFramesAreRawAndStrictlyParsed() throws MalformedMessageException {
        FrameDecoder decoder = harness.decoder();
        assertEquals("not json", decoder.decode("not json", String.class));
        JsonObject object = decoder.decode("{\"a\":1}", JsonObject.class);
        assertEquals(1, object.getInt("a"));
        MalformedMessageException deep = assertThrows(MalformedMessageException.class,
                () -> decoder.decode("[".repeat(40) + "]".repeat(40), JsonObject.class));
        assertEquals(Kind.TOO_DEEP, deep.kind());
        Frame frame = decoder.bind(Json.createObjectBuilder().add("say", "x").build(), Frame.class, "");
        assertNull(frame.times());
        assertEquals(Frame.class, channel.frames(), "the type argument, found up the hierarchy");
        assertEquals(String.class, new FixedReplyChannel("ok") { }.frames());
    }

    private void assertProblem(FakeSocket socket, String text, String kind, String property, String message) {
        sockets.message(socket.session(), channel, text);
        JsonObject error = Json.createReader(new java.io.StringReader(socket.nextFrame())).readObject();
        assertEquals(kind, error.getString("kind"), text);
        assertEquals(property, error.getString("property"), text);
        if (message != null) {
            assertEquals(message, error.getString("message"), text);
        }
        assertFalse(socket.isClosed());
    }
}
