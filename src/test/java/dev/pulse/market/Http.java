package dev.pulse.market;

import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls of the market ITs. */
public final class Http {

    public record Reply(int status, String body, String contentType) {
        public JsonObject json() {
            return WsClient.parse(body);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    public static URI uri(URL base, String path) {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + "/" + path);
    }

    public static Reply get(URL base, String path) {
        return send(HttpRequest.newBuilder(uri(base, path)).GET());
    }

    public static Reply post(URL base, String path, String json) {
        return send(HttpRequest.newBuilder(uri(base, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply put(URL base, String path, String json) {
        return send(HttpRequest.newBuilder(uri(base, path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
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
