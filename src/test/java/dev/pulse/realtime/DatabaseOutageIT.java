package dev.pulse.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.support.PayaraMicroProcess;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sockets opened while the database is down close 1011 "Try again later" instead of staying open
 * and silent, and once the database is back the client reconnects and everything works. The
 * outage is real: the instance under test reaches PostgreSQL through a {@link DatabaseLink} the
 * test cuts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseOutageIT {

    private static DatabaseLink link;
    private static PayaraMicroProcess server;
    private static URL base;

    @BeforeAll
    static void start() {
        String url = System.getenv("DB_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql://"), "needs PostgreSQL (it.db.url)");
        URI address = URI.create(url.substring("jdbc:".length()));
        link = new DatabaseLink(address.getHost(), address.getPort() < 0 ? 5432 : address.getPort());
        String linked = "jdbc:postgresql://127.0.0.1:" + link.port() + address.getRawPath()
                + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery());
        server = PayaraMicroProcess.standalone("db-outage", Map.of("DB_URL", linked));
        base = server.base();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (link != null) {
            link.close();
        }
    }

    @Test
    void socketsOpenedDuringAnOutageClose1011AndWorkOnceTheDatabaseIsBack() {
        AccountSession user = AccountSession.newUser(base, "outage");
        link.cut();
        try {
            for (String path : new String[] {"/ws/notifications/", "/ws/rooms/lobby/"}) {
                try (RawSocket socket = RawSocket.open(base, path, user.cookieHeader())) {
                    assertEquals(101, socket.status(), path);
                    RawSocket.Frame close = socket.awaitClose();
                    assertEquals(1011, close.closeCode(), path);
                    assertEquals("Try again later", close.closeReason(), path);
                }
            }
        } finally {
            link.restore();
        }
        WsClient.eventually(() -> {
            try (WsClient notifications = user.connect("ws/notifications/")) {
                assertTrue(notifications.nextJson().containsKey("count"));
            }
        });
        try (WsClient room = user.connect("ws/rooms/lobby/")) {
            room.send("{\"body\":\"back after the outage\"}");
            JsonObject message = room.nextJson(event -> "message".equals(event.getString("event", ""))
                    && "back after the outage".equals(event.getJsonObject("message").getString("body")));
            assertEquals(user.username(), message.getJsonObject("message").getString("author"));
        }
    }
}
