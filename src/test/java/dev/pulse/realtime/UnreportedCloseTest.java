package dev.pulse.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A socket Pulse closed whose close the container never reports (Payara 6 drops the
 * {@code @OnClose} of a peer that vanished mid-write, seen in ChatTogetherPageIT): the hub leaves
 * it after {@code pulse.ws.close-grace-ms}, so presence and groups do not keep a ghost; a late
 * {@code @OnClose} leaves nothing twice.
 */
class UnreportedCloseTest {

    private HubHarness harness;
    private ChannelSocketsTest.TestChannel channel;

    @BeforeEach
    void start() {
        harness = HubHarness.builder().closeGraceMillis(200).build();
        channel = new ChannelSocketsTest.TestChannel();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aClosedSocketWithoutTheContainersCloseIsLeftOnceAfterTheGrace() {
        FakeSocket ghost = FakeSocket.open("alice");
        FakeSocket alive = FakeSocket.open("bob");
        harness.sockets().open(ghost.session(), channel, Map.of("room", "lobby"));
        harness.sockets().open(alive.session(), channel, Map.of("room", "lobby"));
        Connection connection = Hub.connectionOf(ghost.session());
        harness.hub().join("room", connection);
        harness.hub().join("room", Hub.connectionOf(alive.session()));

        // Pulse closes it (a failed send, a timeout); the container never calls @OnClose.
        connection.close(1011, "Send failed");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(1, harness.hub().connectionCount()));
        assertEquals(List.of("join lobby null", "join lobby null", "leave"), channel.events);
        assertEquals(1, harness.hub().localGroupSize("room"), "the open socket stays in its group");
        assertEquals(1, harness.counter("pulse_ws_unreported_closes_total"));

        // The container's close after all: nothing is left twice.
        harness.sockets().close(ghost.session(), channel);
        assertEquals(List.of("join lobby null", "join lobby null", "leave"), channel.events);
        assertEquals(1, harness.hub().connectionCount());
    }
}
