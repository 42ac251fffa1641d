package dev.pulse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.account.AccountSession;
import dev.pulse.chat.ChatFixtures;
import dev.pulse.support.PayaraMicroProcess;
import dev.pulse.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13's "restarts nobody notices", with real processes: two Payara Micro instances joined to
 * the test cluster are restarted one after the other (SIGTERM, as an orchestrator stops them)
 * while a writer on the suite's own instance keeps posting to a room. Each instance closes its
 * sockets with 1012 (Service Restart); each reader then does what the page client does (go to an
 * instance that stays, as a load balancer would send it, and resume with {@code ?after=<last id>}).
 * Every reader must end with exactly the stored messages of the room, in order: none lost, none twice.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RollingRestartIT {

    /** The suite's instance: the writer's, never restarted. */
    @ArquillianResource
    URL first;

    private static final Map<String, String> SETTINGS = Map.of("PULSE_WS_SHUTDOWN_SPREAD_MS", "1500");

    /** A reader as the page's room client behaves: remembers the last id, resumes after it anywhere. */
    private static final class Reader {
        final String username;
        final String room;
        final Map<URL, AccountSession> sessions = new HashMap<>();
        final List<Long> ids = new ArrayList<>();
        final List<Integer> closes = new ArrayList<>();
        WsClient socket;

        Reader(String username, String room) {
            this.username = username;
            this.room = room;
        }

        void connect(URL base) {
            // Sessions are per instance: the reader logs in where it lands (docs/accounts-and-chat.md).
            AccountSession session = sessions.computeIfAbsent(base, b -> AccountSession.login(b, username));
            long last = ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
            socket = session.connect("ws/rooms/" + room + "/" + (last > 0 ? "?after=" + last : ""));
        }

        /** Takes every frame already received, keeping message ids. */
        void collect() {
            String text;
            while ((text = socket.nextWithin(Duration.ZERO)) != null) {
                keep(WsClient.parse(text));
            }
        }

        private void keep(JsonObject frame) {
            if (frame.getString("event").equals("message")) {
                ids.add(frame.getJsonObject("message").getJsonNumber("id").longValue());
            }
        }

        /** Waits for the instance's close, keeps what came before it, and resumes on {@code next}. */
        void followRestartTo(URL next) {
            int code = socket.awaitClose();
            closes.add(code);
            collect();
            connect(next);
        }

        /** Reads until the message {@code id} has arrived. */
        void readUpTo(long id) {
            while (ids.isEmpty() || ids.get(ids.size() - 1) < id) {
                keep(socket.nextJson("message " + id + " for " + username, WsClient.MAX_SKIPPED,
                        frame -> frame.getString("event").equals("message")));
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // three Payara starts and two stops
    void aRollingRestartOfTwoInstancesLosesAndRepeatsNoChatMessage() throws Exception {
        AccountSession writer = AccountSession.newUser(first, "roller");
        String room = AccountSession.uniqueName("rolling");
        HttpResponse<String> created = writer.post("api/chat/rooms", Json.createObjectBuilder().add("name", room).build().toString());
        assertEquals(201, created.statusCode(), created.body());
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(new Reader(AccountSession.newUser(first, "reader" + i).username(), room));
        }

        List<PayaraMicroProcess> started = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger posted = new AtomicInteger();
        CompletableFuture<Void> posting;
        try {
            PayaraMicroProcess b = start(started, "rolling-b", 1);
            PayaraMicroProcess c = start(started, "rolling-c", 2);
            for (int i = 0; i < readers.size(); i++) {
                readers.get(i).connect(i < 2 ? b.base() : c.base());
                readers.get(i).socket.nextJson(frame -> frame.getString("event").equals("online_count"));
            }
            // Opened now, not before the starts: a socket idle for WEBSOCKET_TIMEOUT (300 s) would be closed.
            try (WsClient writerSocket = writer.connect("ws/rooms/" + room + "/")) {
                // The writer posts all along, four messages a second (inside pulse.chat.post-limit, 300 a
                // minute, so every post is stored); its own socket never restarts.
                posting = CompletableFuture.runAsync(() -> {
                    while (writing.get()) {
                        writerSocket.send("{\"body\": \"m" + posted.incrementAndGet() + "\"}");
                        LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                    }
                });
                WsClient.eventually(() -> assertTrue(posted.get() > 5));

                // b stops: its readers get 1012 and move to c.
                CompletableFuture<Void> stoppingB = CompletableFuture.runAsync(b::close);
                readers.get(0).followRestartTo(c.base());
                readers.get(1).followRestartTo(c.base());
                stoppingB.get(2, TimeUnit.MINUTES);
                started.remove(b);
                // b comes back (a new process, as a deploy starts one), then c stops: everyone moves to it.
                PayaraMicroProcess restartedB = start(started, "rolling-b2", 1);
                CompletableFuture<Void> stoppingC = CompletableFuture.runAsync(c::close);
                for (Reader reader : readers) {
                    reader.followRestartTo(restartedB.base());
                }
                stoppingC.get(2, TimeUnit.MINUTES);
                started.remove(c);
                int now = posted.get();
                WsClient.eventually(() -> assertTrue(posted.get() > now + 5));
                writing.set(false);
                WsClient.within(posting, "the writer's end");
            }

            List<Long> stored = ChatFixtures.storedIds(room);
            assertEquals(posted.get(), stored.size(), "every post was stored");
            for (Reader reader : readers) {
                reader.readUpTo(stored.get(stored.size() - 1));
                reader.socket.close();
                assertEquals(stored, reader.ids, reader.username + ": every message once, in order, across two restarts");
                assertEquals(reader.closes.size(), reader.closes.stream().filter(code -> code == 1012).count(),
                        reader.username + " was closed with 1012 at each restart: " + reader.closes);
            }
        } finally {
            // First and unconditionally: a test that failed or timed out must not leave servers running.
            writing.set(false);
            for (PayaraMicroProcess instance : started) {
                instance.close();
            }
        }
    }

    private static PayaraMicroProcess start(List<PayaraMicroProcess> started, String name, int portOffset) {
        PayaraMicroProcess instance = PayaraMicroProcess.joinTestCluster(name, SETTINGS, portOffset);
        started.add(instance);
        return instance;
    }
}
