package dev.pulse.account;

import dev.pulse.support.WsClient;
import jakarta.json.Json;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A non-browser client of the accounts API: one cookie jar, so one HTTP session. */
public final class AccountSession {

    public static final String PASSWORD = "correct horse battery";

    private final URL base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String username;

    public AccountSession(URL base) {
        this.base = base;
        // HTTP/1.1 as a browser speaks to a cleartext server: the JDK would otherwise try h2c upgrades.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
    }

    /** A fresh, unique user name (the test database outlives runs). */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Registers a unique user and logs in as it. */
    public static AccountSession newUser(URL base, String prefix) {
        AccountSession session = new AccountSession(base);
        String name = uniqueName(prefix);
        HttpResponse<String> registered = session.post("api/accounts/register", credentials(name, PASSWORD));
        if (registered.statusCode() != 201) {
            throw new AssertionError("registration failed: " + registered.statusCode() + " " + registered.body());
        }
        HttpResponse<String> login = session.post("api/accounts/login", credentials(name, PASSWORD));
        if (login.statusCode() != 200) {
            throw new AssertionError("login failed: " + login.statusCode() + " " + login.body());
        }
        session.username = name;
        return session;
    }

    /** Logs {@code username} (registered with {@link #PASSWORD}, e.g. by {@link #newUser}) in on the server at {@code base}. */
    public static AccountSession login(URL base, String username) {
        AccountSession session = new AccountSession(base);
        HttpResponse<String> login = session.post("api/accounts/login", credentials(username, PASSWORD));
        if (login.statusCode() != 200) {
            throw new AssertionError("login on " + base + " failed: " + login.statusCode() + " " + login.body());
        }
        session.username = username;
        return session;
    }

    public String username() {
        return username;
    }

    public static String credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    public HttpResponse<String> post(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
        return send(request.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        String http = base.toExternalForm();
        return URI.create((http.endsWith("/") ? http : http + "/") + path);
    }

    /** The session cookie as a request header, for WebSocket handshakes. */
    public Map<String, String> cookieHeader() {
        Map<String, String> headers = new HashMap<>();
        StringBuilder value = new StringBuilder();
        for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
            if (value.length() > 0) {
                value.append("; ");
            }
            value.append(cookie.getName()).append('=').append(cookie.getValue());
        }
        if (value.length() > 0) {
            headers.put("Cookie", value.toString());
        }
        return headers;
    }

    public WsClient connect(String path) {
        return WsClient.connect(base, path, cookieHeader());
    }
}
