package dev.pulse.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.support.ServerProcess;
import dev.pulse.support.StalledWsClient;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The realtime core seen through the two seed sockets of the foundation, on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RealtimeEndpointsIT {

    @ArquillianResource
    URL base;

    @Test
    void echoAnswersAsSeed002() {
        try (WsClient client = WsClient.connect(base, "ws/chat/")) {
            client.send("{\"message\":\"Hello Django\"}");
            assertEquals("You said: Hello Django", client.next());
        }
    }

    @Test
    void echoKeepsUnicodeIntact() {
        try (WsClient client = WsClient.connect(base, "ws/chat/")) {
            client.send("{\"message\":\"héllo ✓ 日本\"}");
            assertEquals("You said: héllo ✓ 日本", client.next());
        }
    }

    @Test
    void echoExplainsMalformedJsonAndStaysUsable() {
        try (WsClient client = WsClient.connect(base, "ws/chat/")) {
            client.send("{\"message\": ");
            JsonObject error = client.nextJson();
            assertTrue(error.getString("error").startsWith("Malformed JSON"), error.toString());

            client.send("[\"message\"]");
            assertEquals("Expected a JSON object, got array", client.nextJson().getString("error"));

            client.send("{\"message\": 42}");
            assertEquals("Expected {\"message\": \"<text>\"}", client.nextJson().getString("error"));

            client.send("{\"message\":\"still here\"}");
            assertEquals("You said: still here", client.next());
        }
    }

    @Test
    void anOversizedFrameClosesWith1009() {
        try (WsClient client = WsClient.connect(base, "ws/chat/")) {
            String big = "x".repeat(70_000);
            client.send("{\"message\":\"" + big + "\"}");
            assertEquals(1009, client.awaitClose());
        }
    }

    /**
     * The frame guard on whichever server runs the suite (BadInputIT covers every endpoint and case,
     * on Payara): on WildFly it sits in Undertow's upgrade listener, not the servlet upgrade.
     */
    @Test
    void theFrameGuardClosesBinaryAndUnmaskedFramesWithTheirCodes() {
        try (RawSocket socket = RawSocket.open(base, "/ws/chat/").awaitLive()) {
            socket.send(0x2, new byte[] {1, 2, 3}, true, true);
            RawSocket.Frame close = socket.awaitClose();
            assertEquals(1003, close.closeCode());
            assertEquals("Binary frames are not accepted: send text", close.closeReason());
        }
        try (RawSocket socket = RawSocket.open(base, "/ws/chat/").awaitLive()) {
            socket.send(0x1, "{\"message\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), true, false);
            RawSocket.Frame close = socket.awaitClose();
            assertEquals(1002, close.closeCode());
            assertEquals("Client frames must be masked", close.closeReason());
        }
    }

    @Test
    void testSocketAcknowledgesAnyFrameAsSeed004() {
        try (WsClient client = WsClient.connect(base, "ws/test/")) {
            client.send("{\"hello\": 1}");
            assertEquals("{\"status\": \"Data received!\"}", client.next());
            client.send("not json at all");
            assertEquals("{\"status\": \"Data received!\"}", client.next());
        }
    }

    @Test
    void manyClientsAreServedIndependently() {
        int count = 50;
        WsClient[] clients = new WsClient[count];
        try {
            for (int i = 0; i < count; i++) {
                clients[i] = WsClient.connect(base, "ws/chat/");
            }
            for (int i = 0; i < count; i++) {
                clients[i].send("{\"message\":\"client " + i + "\"}");
            }
            for (int i = 0; i < count; i++) {
                assertEquals("You said: client " + i, clients[i].next());
            }
        } finally {
            for (WsClient client : clients) {
                if (client != null) {
                    client.close();
                }
            }
        }
    }

    /** pulse_ws_send_timeouts_total of the deployment's metrics (MicroProfile Metrics on Payara, Micrometer on WildFly). */
    private double sendTimeouts() throws Exception {
        URI metrics = ServerProcess.metrics(base);
        String text = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^pulse_ws_send_timeouts_total(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        if (!line.find()) {
            throw new AssertionError("no pulse_ws_send_timeouts_total in /metrics: " + text);
        }
        return Double.parseDouble(line.group(2));
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAfterTheSendTimeout() throws Exception {
        double before = sendTimeouts();
        try (StalledWsClient stalled = StalledWsClient.connect(base, "ws/chat/");
             WsClient bystander = WsClient.connect(base, "ws/chat/")) {
            // 24 MB of echoes, which the stalled client never reads: more than Grizzly buffers for a
            // connection (about 10 MB here), so a send stays in flight.
            String big = "x".repeat(60_000);
            for (int i = 0; i < 400; i++) {
                stalled.sendText("{\"message\":\"" + big + "\"}");
            }
            // The watchdog closes it once a frame waited pulse.ws.send-timeout-ms (5 s in pom.xml).
            await("the send-timeout watchdog").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(this::sendTimeouts, count -> count == before + 1);
            // The server closes with 1011, but that close frame would queue behind the data the client
            // never read: Payara drops the queue and ends the connection, so the client reads up to
            // the end of the stream, or gets a reset (the server closed with this client's frames
            // still unread), and no close frame: 1006 either way.
            assertEquals(1006, stalled.readUntilClose(), "the stalled socket's end");

            // Nobody else was touched: the other socket is open and served.
            assertFalse(bystander.isClosed());
            bystander.send("{\"message\":\"still served\"}");
            assertEquals("You said: still served", bystander.next());
        }
        assertEquals(before + 1, sendTimeouts(), "exactly one socket timed out");
    }

    @Test
    void readinessReportsTheMigratedPostgreSqlDatabase() throws Exception {
        URI health = ServerProcess.management(base, "health/ready");
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject database = WsClient.parse(response.body()).getJsonArray("checks").stream()
                .map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals("database"))
                .findFirst().orElseThrow();
        assertEquals("UP", database.getString("status"));
        assertEquals("PostgreSQL", database.getJsonObject("data").getString("product"));
    }
}
