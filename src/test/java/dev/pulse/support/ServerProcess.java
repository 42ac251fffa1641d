package dev.pulse.support;

import static org.awaitility.Awaitility.await;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more real server running the Pulse WAR, started by a test: Payara Micro
 * ({@link PayaraMicroProcess}) or WildFly ({@link WildFlyProcess}), whichever the suite runs on
 * ({@code pulse.it.server}, set by the {@code wildfly} Maven profile). Tests ask this interface, so
 * the same test runs on both servers.
 */
public interface ServerProcess extends AutoCloseable {

    /** {@code http://127.0.0.1:PORT/}: the application's root. */
    URL base();

    @Override
    void close();

    /** Whether this run's servers are WildFly (the {@code wildfly} profile) rather than Payara Micro. */
    static boolean wildfly() {
        return "wildfly".equals(System.getProperty("pulse.it.server", "payara"));
    }

    /** Starts an instance that joins the suite server's Hazelcast cluster. */
    static ServerProcess joinTestCluster(String name) {
        return joinTestCluster(name, Map.of(), 1);
    }

    /** As {@link #joinTestCluster(String)}, with extra environment and its cluster port at the suite's plus {@code portOffset}. */
    static ServerProcess joinTestCluster(String name, Map<String, String> environment, int portOffset) {
        return wildfly() ? WildFlyProcess.joinTestCluster(name, environment, portOffset)
                : PayaraMicroProcess.joinTestCluster(name, environment, portOffset);
    }

    /** Starts an instance of its own (no cluster) with extra environment. */
    static ServerProcess standalone(String name, Map<String, String> environment) {
        return wildfly() ? WildFlyProcess.standalone(name, environment) : PayaraMicroProcess.standalone(name, environment);
    }

    /** Starts an instance of its own at the product's default per-address limits. */
    static ServerProcess standaloneWithDefaultLimits(String name) {
        return wildfly() ? WildFlyProcess.standaloneWithDefaultLimits(name) : PayaraMicroProcess.standaloneWithDefaultLimits(name);
    }

    /**
     * Where the server behind {@code base} answers MicroProfile Health ({@code path} like
     * {@code health/ready}) and metrics: Payara Micro on its HTTP port, WildFly on its management
     * port ({@link WildFlyProcess#managementPort(int)}).
     */
    static URI management(URL base, String path) {
        int port = wildfly() ? WildFlyProcess.managementPort(base.getPort()) : base.getPort();
        return URI.create("http://" + base.getHost() + ":" + port + "/" + path);
    }

    /** The application's metrics in Prometheus text: Payara's application scope, WildFly's Micrometer registry. */
    static URI metrics(URL base) {
        return management(base, wildfly() ? "metrics" : "metrics?scope=application");
    }

    /** {@code http://127.0.0.1:PORT/}. */
    static URL localRoot(int port) {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (at most 4 minutes) until {@code ready} answers 200; fails at once if the process exits. */
    static void awaitReady(Process process, URI ready, String server, Path log) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build();
        await(server + " at " + ready + " (log: " + log + ")")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .failFast(server + " exited; see " + log, () -> !process.isAlive())
                .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    /** The started server once {@code awaitReady} passes; one that never got ready is stopped (it holds ports and memory). */
    static <T extends ServerProcess> T readyOrStopped(T server, java.util.function.Consumer<T> awaitReady) {
        try {
            awaitReady.accept(server);
            return server;
        } catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /**
     * Stops a server and every process it started (WildFly's JVM runs under a script): SIGTERM, so
     * it shuts down in order, then SIGKILL for whatever is left after 60 s.
     */
    static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (process.waitFor(60, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
