package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shutdown (issue 13): the hub refuses new sockets and closes every open one with 1012 Service Restart. */
class HubDrainTest {

    @Test
    void stoppingClosesEverySocketWith1012AndRefusesNewOnes() {
        HubHarness harness = HubHarness.start();
        harness.settings().shutdownSpreadMillis = 200;
        List<FakeSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            FakeSocket socket = FakeSocket.open("user" + i);
            harness.open(socket);
            sockets.add(socket);
        }
        assertFalse(harness.hub().draining());

        harness.close();

        assertTrue(harness.hub().draining(), "new handshakes are refused (WebSocketGuardFilter answers 503)");
        for (FakeSocket socket : sockets) {
            assertEquals(1012, socket.awaitClose());
            assertEquals("Service restart", socket.closeReason());
        }
    }

    @Test
    void theSpreadIsBoundedAndNeverNegative() {
        RealtimeSettings settings = new RealtimeSettings();
        settings.shutdownSpreadMillis = -5;
        assertEquals(0, settings.shutdownSpreadMillis());
        settings.shutdownSpreadMillis = 3_600_000;
        assertEquals(60_000, settings.shutdownSpreadMillis());
    }
}
