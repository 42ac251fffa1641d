package dev.pulse.account;

import static dev.pulse.account.AccountSession.credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.support.PulseDeployment;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registration, session login, roles, the handshake's principal and the WebSocket origin policy. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PulseDeployment.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void registersLogsInAndKnowsTheCaller() {
        AccountSession session = new AccountSession(base);
        String name = AccountSession.uniqueName("alice");
        assertEquals(401, session.get("api/accounts/me").statusCode());

        HttpResponse<String> registered = session.post("api/accounts/register", credentials(name, "s3cret-enough"));
        assertEquals(201, registered.statusCode(), registered.body());
        HttpResponse<String> login = session.post("api/accounts/login", credentials(name, "s3cret-enough"));
        assertEquals(200, login.statusCode(), login.body());

        JsonObject me = WsClient.parse(session.get("api/accounts/me").body());
        assertEquals(name, me.getString("username"));
        assertEquals("[\"user\"]", me.getJsonArray("roles").toString());

        assertEquals(204, session.post("api/accounts/logout", null).statusCode());
        assertEquals(401, session.get("api/accounts/me").statusCode());
    }

    @Test
    void storesAPbkdf2HashNotThePassword() throws Exception {
        AccountSession session = AccountSession.newUser(base, "hash");
        try (Connection db = DriverManager.getConnection(itDbUrl(),
                System.getenv().getOrDefault("DB_USER", "postgres"), System.getenv().getOrDefault("DB_PASSWORD", "postgres"));
             PreparedStatement query = db.prepareStatement("SELECT password_hash FROM account WHERE username = ?")) {
            query.setString(1, session.username());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                String hash = row.getString(1);
                assertTrue(hash.startsWith("PBKDF2WithHmacSHA256:"), hash);
                assertFalse(hash.contains(AccountSession.PASSWORD));
            }
        }
    }

    private static String itDbUrl() {
        String env = System.getenv("DB_URL");
        return env != null ? env : "jdbc:postgresql://127.0.0.1:5432/test";
    }

    @Test
    void aTakenUsernameIs409() {
        AccountSession first = AccountSession.newUser(base, "dup");
        HttpResponse<String> again = new AccountSession(base).post("api/accounts/register", credentials(first.username(), "another-password"));
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(WsClient.parse(again.body()).getString("error").contains("taken"));
    }

    @Test
    void invalidRegistrationsAre400() {
        AccountSession session = new AccountSession(base);
        assertEquals(400, session.post("api/accounts/register", credentials("ab", "long-enough-password")).statusCode());
        assertEquals(400, session.post("api/accounts/register", credentials("bad name!", "long-enough-password")).statusCode());
        assertEquals(400, session.post("api/accounts/register", credentials(AccountSession.uniqueName("short"), "short")).statusCode());
        assertEquals(400, session.post("api/accounts/register", "{\"username\": 5}").statusCode());
    }

    @Test
    void aWrongPasswordIsRefused() {
        AccountSession owner = AccountSession.newUser(base, "bob");
        AccountSession intruder = new AccountSession(base);
        HttpResponse<String> login = intruder.post("api/accounts/login", credentials(owner.username(), "not-the-password"));
        assertEquals(401, login.statusCode(), login.body());
        assertEquals(401, intruder.get("api/accounts/me").statusCode());
        assertEquals(401, intruder.post("api/accounts/login", credentials(AccountSession.uniqueName("ghost"), "whatever-pass")).statusCode());
    }

    @Test
    void theBootstrapAdministratorHasTheAdminRole() {
        AccountSession admin = new AccountSession(base);
        HttpResponse<String> login = admin.post("api/accounts/login", credentials("admin", System.getProperty("pulse.it.adminPassword", "it-admin-secret")));
        assertEquals(200, login.statusCode(), login.body());
        JsonObject me = WsClient.parse(admin.get("api/accounts/me").body());
        assertTrue(me.getJsonArray("roles").toString().contains("\"admin\""), me.toString());
    }

    @Test
    void theWebSocketHandshakeRunsAsTheSessionUser() {
        AccountSession session = AccountSession.newUser(base, "ws");
        try (WsClient socket = session.connect("ws/accounts/me/")) {
            assertEquals(session.username(), socket.nextJson().getString("username"));
        }
    }

    @Test
    void anAnonymousHandshakeHasNoUser() {
        try (WsClient socket = WsClient.connect(base, "ws/accounts/me/")) {
            assertEquals(1008, socket.awaitClose());
        }
    }

    @Test
    void aLoggedOutSessionCookieNoLongerAuthenticatesSockets() {
        AccountSession session = AccountSession.newUser(base, "gone");
        Map<String, String> oldCookie = session.cookieHeader();
        assertEquals(204, session.post("api/accounts/logout", null).statusCode());
        try (WsClient socket = WsClient.connect(base, "ws/accounts/me/", oldCookie)) {
            assertEquals(1008, socket.awaitClose());
        }
    }

    @Test
    void aForeignOriginIsRefusedOnSeedEndpoints() {
        assertThrows(Exception.class, () -> WsClient.connect(base, "ws/chat/", Map.of("Origin", "https://evil.example")).close());
        assertThrows(Exception.class, () -> WsClient.connect(base, "ws/test/", Map.of("Origin", "http://localhost:1")).close());
    }

    @Test
    void theSameOriginAndNonBrowserClientsAreAllowed() {
        String sameOrigin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
        try (WsClient socket = WsClient.connect(base, "ws/chat/", Map.of("Origin", sameOrigin))) {
            socket.send("{\"message\":\"hi\"}");
            assertEquals("You said: hi", socket.next());
        }
        try (WsClient socket = WsClient.connect(base, "ws/chat/")) {
            socket.send("{\"message\":\"hi\"}");
            assertNotEquals(null, socket.next());
        }
    }

    @Test
    void aCrossSiteApiPostIsRefused() throws Exception {
        AccountSession victim = AccountSession.newUser(base, "csrf");
        java.net.http.HttpRequest forged = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base.toExternalForm().replaceAll("/?$", "/") + "api/accounts/logout"))
                .header("Origin", "https://attacker.example")
                .header("Cookie", victim.cookieHeader().get("Cookie"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        assertEquals(403, java.net.http.HttpClient.newHttpClient().send(forged, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, victim.get("api/accounts/me").statusCode(), "the session survived the forged request");
    }
}
