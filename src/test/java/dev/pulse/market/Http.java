package dev.pulse.market;

import dev.pulse.account.AccountSession;
import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls of the market ITs: anonymous (static methods) or as a logged-in {@link Session}. */
public final class Http {

    public static final String ADMIN = "admin";

    public record Reply(int status, String body, String contentType) {
        public JsonObject json() {
            return WsClient.parse(body);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** The URI of {@code path} on the server at {@code base}; MicroProfile Health where that server serves it. */
    public static URI uri(URL base, String path) {
        if (path.startsWith("health/")) {
            return dev.pulse.support.ServerProcess.management(base, path);
        }
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + "/" + path);
    }

    public static Reply get(URL base, String path) {
        return send(CLIENT, HttpRequest.newBuilder(uri(base, path)).GET());
    }

    public static Reply post(URL base, String path, String json) {
        return send(CLIENT, post(uri(base, path), json));
    }

    public static Reply put(URL base, String path, String json) {
        return send(CLIENT, HttpRequest.newBuilder(uri(base, path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The bootstrap administrator's session (password from the test environment). */
    public static Session admin(URL base) {
        return Session.login(base, ADMIN, dev.pulse.support.TestEnvironment.adminPassword());
    }

    /** One cookie jar, so one HTTP session. */
    public static final class Session {
        private final URL base;
        private final HttpClient client;

        private Session(URL base) {
            this.base = base;
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).cookieHandler(new CookieManager()).build();
        }

        public static Session login(URL base, String username, String password) {
            Session session = new Session(base);
            Reply login = session.post("api/accounts/login", AccountSession.credentials(username, password));
            if (login.status() != 200) {
                throw new AssertionError("login as " + username + " failed: " + login.status() + " " + login.body());
            }
            return session;
        }

        public Reply get(String path) {
            return send(client, HttpRequest.newBuilder(uri(base, path)).GET());
        }

        public Reply post(String path, String json) {
            return send(client, Http.post(uri(base, path), json));
        }

        public Reply put(String path, String json) {
            return send(client, HttpRequest.newBuilder(uri(base, path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)));
        }
    }

    private static HttpRequest.Builder post(URI uri, String json) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static Reply send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
