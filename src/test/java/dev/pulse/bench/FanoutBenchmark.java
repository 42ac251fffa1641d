package dev.pulse.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.support.WsClient;
import jakarta.json.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fan-out benchmark (not part of the test suite: {@code mvn -Pbench verify}). Two paths
 * ({@code -Dbench.path=realtime|room|both}, default both):
 * <ul>
 * <li>{@code realtime}: many real sockets subscribe to one symbol on {@code /ws/realtime/}; price
 * updates are forced over HTTP (logged in as the bootstrap administrator; the sockets stay
 * anonymous); latency is arrival minus the envelope's server timestamp;</li>
 * <li>{@code room}: the same number of sockets join the chat room {@code lobby} (on the
 * administrator's session), and one more socket posts {@code {"body":"t=<µs>"}} at the rate;
 * latency is arrival minus the publisher's send time, so storing and ordering count too.</li>
 * </ul> The run
 * is repeated with stalled clients that never read, to show they cost the others nothing, and the
 * server's heap and RSS are read. Figures go to target/benchmark/fanout.md.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FanoutBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 1000);
    static final int STALLED = Integer.getInteger("bench.stalled", 100);
    static final int UPDATES = Integer.getInteger("bench.updates", 200);
    static final int RATE = Integer.getInteger("bench.rate", 20);
    static final int BATCH = Integer.getInteger("bench.batch", 50);
    static final String SYMBOL = System.getProperty("bench.symbol", "AAPL");
    static final String PATH = System.getProperty("bench.path", "both");
    static final String ROOM = System.getProperty("bench.room", "lobby");

    @ArquillianResource
    URL base;

    /** The subscribers' client: no cookies, so the sockets stay anonymous (not bound by MAX_CONNECTIONS_PER_USER). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The control client: its own cookie jar holds the administrator's session. */
    private final HttpClient control = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();

    /** force_price_update needs a logged-in caller: log in as the bootstrap administrator. */
    private void logIn() throws IOException, InterruptedException {
        String credentials = Json.createObjectBuilder().add("username", System.getProperty("pulse.it.adminUser", "admin"))
                .add("password", dev.pulse.support.TestEnvironment.adminPassword()).build().toString();
        HttpResponse<String> login = control.send(HttpRequest.newBuilder(URI.create(base + "api/accounts/login"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(credentials)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new AssertionError("admin login answered " + login.statusCode() + " " + login.body());
        }
    }

    /** A subscriber that records latencies, or, when stalled, stops reading after its confirmation. */
    static final class Subscriber implements WebSocket.Listener {
        final boolean stalled;
        final boolean room;
        /** Room messages sent before this run (the history a join replays) are not counted. */
        final long startedMicros = nowMicros();
        final CountDownLatch subscribed = new CountDownLatch(1);
        final AtomicInteger updates = new AtomicInteger();
        final List<Long> latenciesMicros = new ArrayList<>();
        final StringBuilder partial = new StringBuilder();
        volatile String lastFrame;
        WebSocket socket;

        Subscriber(boolean stalled, boolean room) {
            this.stalled = stalled;
            this.room = room;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                long arrivedMicros = nowMicros();
                lastFrame = text;
                // A cheap scan, not a JSON parse: on a 2-core box the clients share the CPU with the server.
                if (room) {
                    if (subscribed.getCount() == 1) {
                        // Every joining socket gets the room's online count: the join is complete.
                        subscribed.countDown();
                        if (stalled) {
                            return null;
                        }
                    }
                    int at = text.indexOf("t=");
                    if (at >= 0 && text.contains("\"event\":\"message\"")) {
                        int end = at + 2;
                        while (end < text.length() && Character.isDigit(text.charAt(end))) {
                            end++;
                        }
                        long sent = Long.parseLong(text.substring(at + 2, end));
                        if (sent >= startedMicros) {
                            synchronized (latenciesMicros) {
                                latenciesMicros.add(arrivedMicros - sent);
                            }
                            updates.incrementAndGet();
                        }
                    }
                } else if (text.contains("\"type\":\"asset_update\"")) {
                    if (subscribed.getCount() == 1) {
                        subscribed.countDown();
                        if (stalled) {
                            return null; // never request again: the socket stops being read
                        }
                    } else {
                        int at = text.lastIndexOf("\"timestamp\":\"") + 13;
                        Instant sent = Instant.parse(text.substring(at, text.indexOf('"', at)));
                        synchronized (latenciesMicros) {
                            latenciesMicros.add(arrivedMicros - (sent.getEpochSecond() * 1_000_000 + sent.getNano() / 1_000));
                        }
                        updates.incrementAndGet();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    record Result(String name, int clients, int stalled, int lostAtSetup, int updates, long delivered, long expected, double seconds,
                  long p50, long p95, long p99, long max, long heapBytes, long rssKb) {
    }

    @Test
    void fanout() throws Exception {
        logIn();
        List<Result> results = new ArrayList<>();
        if (!PATH.equals("room")) {
            results.add(run("/ws/realtime/, fast clients only", CLIENTS, 0, false));
            results.add(run("/ws/realtime/, with stalled clients", CLIENTS, STALLED, false));
        }
        if (!PATH.equals("realtime")) {
            results.add(run("chat room, fast clients only", CLIENTS, 0, true));
            results.add(run("chat room, with stalled clients", CLIENTS, STALLED, true));
        }
        String report = report(results);
        Path out = Path.of("target", "benchmark", "fanout.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        for (Result r : results) {
            assertTrue(r.delivered() > 0, "no update reached any client in " + r.name());
        }
    }

    /** The administrator's session cookie, for sockets that join chat rooms. */
    private String sessionCookie() {
        return ((CookieManager) control.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(c -> c.getName() + "=" + c.getValue())
                .findFirst().orElseThrow(() -> new AssertionError("not logged in"));
    }

    private Result run(String name, int clients, int stalled, boolean room) throws Exception {
        List<Subscriber> subscribers = new ArrayList<>();
        String subscribe = "{\"type\":\"subscribe_asset\",\"data\":{\"symbol\":\"" + SYMBOL + "\"}}";
        String path = room ? "ws/rooms/" + ROOM + "/" : "ws/realtime/";
        String cookie = room ? sessionCookie() : null;
        // Sockets open and subscribe in batches, as clients arrive in practice rather than all in one instant.
        for (int first = 0; first < clients + stalled; first += BATCH) {
            List<CompletableFuture<?>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(first + BATCH, clients + stalled); i++) {
                Subscriber subscriber = new Subscriber(i >= clients, room);
                subscribers.add(subscriber);
                WebSocket.Builder builder = http.newWebSocketBuilder();
                if (cookie != null) {
                    builder.header("Cookie", cookie);
                }
                batch.add(builder.buildAsync(WsClient.wsUri(base, path), subscriber)
                        .thenCompose(ws -> {
                            subscriber.socket = ws;
                            return room ? CompletableFuture.completedFuture(ws) : ws.sendText(subscribe, true);
                        })
                        .exceptionally(failure -> null));
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Subscriber subscriber : subscribers) {
            subscriber.subscribed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        // A socket whose subscription was never confirmed is reported, and left out of the expected count.
        subscribers.removeIf(subscriber -> {
            boolean lost = subscriber.subscribed.getCount() > 0;
            if (lost && subscriber.socket != null) {
                subscriber.socket.abort();
            }
            return lost;
        });
        int lostAtSetup = clients + stalled - subscribers.size();
        clients = (int) subscribers.stream().filter(subscriber -> !subscriber.stalled).count();
        stalled = subscribers.size() - clients;

        long start = System.nanoTime();
        // Updates at a fixed rate (bench.rate per second): the latency then shows delivery, not a backlog
        // the generator built by sending faster than the server can fan out.
        java.util.concurrent.ScheduledExecutorService pacer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        CountDownLatch issued = new CountDownLatch(UPDATES);
        AtomicInteger failures = new AtomicInteger();
        WebSocket publisher = room ? http.newWebSocketBuilder().header("Cookie", cookie)
                .buildAsync(WsClient.wsUri(base, path), new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS) : null;
        java.util.concurrent.ScheduledFuture<?> ticking = pacer.scheduleAtFixedRate(() -> {
            if (issued.getCount() == 0) {
                return;
            }
            if (publisher != null) {
                publisher.sendText("{\"body\":\"t=" + nowMicros() + "\"}", true).join();
                issued.countDown();
                return;
            }
            try {
                HttpResponse<String> forced = control.send(HttpRequest.newBuilder(URI.create(base + "api/realtime/force_price_update/"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"symbols\":[\"" + SYMBOL + "\"]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (forced.statusCode() >= 300) {
                    failures.incrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                failures.incrementAndGet();
            }
            issued.countDown();
        }, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
        issued.await(10, TimeUnit.MINUTES);
        ticking.cancel(false);
        if (publisher != null) {
            publisher.abort();
        }
        pacer.shutdownNow();
        if (failures.get() > 0) {
            throw new AssertionError(failures.get() + " force_price_update calls failed");
        }
        long expected = (long) clients * UPDATES;
        // Conflation may legitimately merge updates for a client that fell behind: stop when complete or quiet.
        AtomicLong lastSeen = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = subscribers.stream().filter(s -> !s.stalled).mapToLong(s -> s.updates.get()).sum();
            return now >= expected || now == lastSeen.getAndSet(now);
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] latencies = subscribers.stream().filter(s -> !s.stalled)
                .flatMap(s -> { synchronized (s.latenciesMicros) { return new ArrayList<>(s.latenciesMicros).stream(); } })
                .mapToLong(Long::longValue).sorted().toArray();
        Result result = new Result(name, clients, stalled, lostAtSetup, UPDATES, latencies.length, expected, seconds,
                percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1], heapBytes(), rssKb());
        for (Subscriber subscriber : subscribers) {
            subscriber.socket.abort();
        }
        return result;
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private long heapBytes() {
        try {
            URI metrics = URI.create("http://" + base.getHost() + ":" + base.getPort() + "/metrics?scope=base");
            String body = http.send(HttpRequest.newBuilder(metrics).header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString()).body();
            return Arrays.stream(body.split("\n")).filter(l -> l.startsWith("memory_usedHeap_bytes") || l.startsWith("base_memory_usedHeap_bytes"))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).mapToLong(v -> (long) Double.parseDouble(v)).findFirst().orElse(-1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident memory of the Payara Micro the benchmark runs against (found by its private cluster name). */
    private static long rssKb() {
        String cluster = System.getProperty("pulse.it.clusterName", "");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(cluster)).orElse(false))
                .findFirst()
                .map(p -> {
                    try {
                        return Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(-1);
                    } catch (IOException e) {
                        return -1L;
                    }
                }).orElse(-1L);
    }

    private static String report(List<Result> results) {
        StringBuilder md = new StringBuilder("# Fan-out benchmark\n\n")
                .append("One symbol (or one chat room), " + RATE + " updates per second (forced over HTTP, or posted on a socket); "
                        + "latency = arrival at the client minus the server timestamp (realtime) or the publisher's send time (room).\n\n")
                .append("| run | fast clients | stalled clients | lost at setup | updates | frames delivered / sent to fast clients | wall s | frames/s | p50 ms | p95 ms | p99 ms | max ms | heap MB | RSS MB |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format("| %s | %d | %d | %d | %d | %d / %d | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d |%n",
                    r.name(), r.clients(), r.stalled(), r.lostAtSetup(), r.updates(), r.delivered(), r.expected(), r.seconds(),
                    r.delivered() / r.seconds(), r.p50() / 1000.0, r.p95() / 1000.0, r.p99() / 1000.0, r.max() / 1000.0,
                    r.heapBytes() / (1024 * 1024), r.rssKb() / 1024));
        }
        return md.toString();
    }
}
