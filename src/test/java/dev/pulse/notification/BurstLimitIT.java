package dev.pulse.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.support.ServerProcess;
import dev.pulse.support.WsClient;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The anonymous GET burst is no broadcast amplifier: one burst per group at a time (409), a
 * per-address rate limit (429), both with Retry-After; the group gets exactly one burst.
 */
class BurstLimitIT {

    static ServerProcess server;
    static URL base;

    @BeforeAll
    static void start() {
        // An instance of its own at the product's limits: the shared server lifts the per-address one (pom.xml).
        server = ServerProcess.standaloneWithDefaultLimits("burst-limit");
        base = server.base();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twentyAnonymousGetsStartOneBurst() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (WsClient member = WsClient.connect(base, "ws/test/")) {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(http.send(HttpRequest.newBuilder(URI.create(base + "api/notifications/burst/?count=100&interval_ms=50")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertEquals(202, answers.get(0).statusCode(), answers.get(0).body());
            // A burst that ended while the requests went on lets the next one start: never two at once.
            long started = answers.stream().filter(a -> a.statusCode() == 202).count();
            assertEquals(20 - started, answers.stream().filter(a -> a.statusCode() == 409 || a.statusCode() == 429).count());
            assertTrue(answers.stream().anyMatch(a -> a.statusCode() == 429), "no request was rate limited");
            for (HttpResponse<String> refused : answers) {
                if (refused.statusCode() != 202) {
                    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("0"));
                    assertTrue(retryAfter >= 1, "Retry-After " + retryAfter + " on " + refused.statusCode());
                    assertTrue(WsClient.parse(refused.body()).getString("error").contains("retry in " + retryAfter + " s"), refused.body());
                }
            }
            // Each accepted burst arrives whole and in order before the next begins: they never overlap.
            for (long burst = 1; burst <= started; burst++) {
                for (int i = 1; i <= 100; i++) {
                    assertEquals("{\"count\": " + i + "}", member.next(), "burst " + burst);
                }
            }
        }
    }
}
