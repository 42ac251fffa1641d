package dev.pulse.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.support.WsClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed 004's HTTP-triggered burst to test_consumer_group, on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CountBurstIT {

    @ArquillianResource
    URL base;

    private HttpResponse<String> call(String method, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/notifications/burst" + query))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyGroupMemberReceivesTheCountsInOrderAfterTheRequestReturned() throws Exception {
        try (WsClient first = WsClient.connect(base, "ws/test/");
             WsClient second = WsClient.connect(base, "ws/test/")) {
            HttpResponse<String> response = call("POST", "?count=9&interval_ms=100");
            assertEquals(202, response.statusCode(), response.body());
            JsonObject plan = WsClient.parse(response.body());
            assertEquals(9, plan.getInt("count"));
            assertEquals(100, plan.getInt("interval_ms"));
            assertEquals("test_consumer_group", plan.getString("group"));
            for (int i = 1; i <= 9; i++) {
                assertEquals("{\"count\": " + i + "}", first.next());
                assertEquals(i, second.nextJson().getInt("count"));
            }
        }
    }

    /**
     * The seed answered only after its 18 s loop; here the 202 comes first and the first payload one
     * interval (the default 2 s) after it. A burst started before or while answering would have its
     * first payload on the socket when the answer is in; 2 s leave room for a loaded test machine.
     */
    @Test
    void theAnswerPrecedesTheFirstPayload() throws Exception {
        try (WsClient client = WsClient.connect(base, "ws/test/")) {
            HttpResponse<String> response = call("POST", "?count=1");
            List<String> framesBeforeTheAnswer = client.pending();
            assertEquals(202, response.statusCode(), response.body());
            assertEquals(2000, WsClient.parse(response.body()).getInt("interval_ms"), "the documented default interval");
            assertEquals(List.of(), framesBeforeTheAnswer, "frames that arrived before the 202");
            assertEquals("{\"count\": 1}", client.next());
        }
    }

    @Test
    void getTriggersItLikeTheSeedsPageView() throws Exception {
        try (WsClient client = WsClient.connect(base, "ws/test/")) {
            assertEquals(202, call("GET", "?count=2&interval_ms=50").statusCode());
            assertEquals(1, client.nextJson().getInt("count"));
            assertEquals(2, client.nextJson().getInt("count"));
        }
    }

    @Test
    void rejectsLimitsOutsideTheConfiguredRange() throws Exception {
        HttpResponse<String> tooMany = call("POST", "?count=100000");
        assertEquals(400, tooMany.statusCode());
        assertEquals("count must be between 1 and 100", WsClient.parse(tooMany.body()).getString("error"));
        assertEquals(400, call("POST", "?count=2&interval_ms=1").statusCode());
    }
}
