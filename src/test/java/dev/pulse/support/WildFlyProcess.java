package dev.pulse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One more real WildFly running the Pulse WAR, started by a test: the installation the build
 * prepared ({@code pulse.it.wildflyHome}, see wildfly-config/install.sh) with a server directory of
 * its own under target/ (configuration copied, the WAR as {@code deployments/ROOT.war}), every port
 * moved by one offset. Joined to the suite server's Hazelcast cluster through the member Pulse starts
 * ({@code PULSE_CLUSTER_*}), or on its own. Its log goes to target/wildfly-NAME/log/server.log.
 */
public final class WildFlyProcess implements ServerProcess {

    /** HTTP port -> management port, for every WildFly this run knows (the suite's and those started here). */
    private static final Map<Integer, Integer> MANAGEMENT_PORTS = new ConcurrentHashMap<>();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private WildFlyProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    static WildFlyProcess joinTestCluster(String name, Map<String, String> environment, int portOffset) {
        String hazelcastPort = TestEnvironment.property("pulse.it.hazelcastPort");
        Map<String, String> cluster = new java.util.HashMap<>(environment);
        cluster.put("PULSE_CLUSTER_PORT", Integer.toString(Integer.parseInt(hazelcastPort) + portOffset));
        return start(name, cluster, List.of());
    }

    static WildFlyProcess standalone(String name, Map<String, String> environment) {
        return start(name, alone(environment), List.of());
    }

    static WildFlyProcess standaloneWithDefaultLimits(String name) {
        return start(name, alone(Map.of("PULSE_FEED_AUTOSTART", "false")), List.of("PULSE_ACCOUNTS_REGISTRATIONS_PER_ADDRESS",
                "PULSE_ACCOUNTS_LOGIN_MAX_FAILURES_PER_ADDRESS", "PULSE_NOTIFICATIONS_BURST_REQUESTS_PER_MINUTE"));
    }

    private static Map<String, String> alone(Map<String, String> environment) {
        Map<String, String> settings = new java.util.HashMap<>(environment);
        settings.put("PULSE_CLUSTER_MEMBERS", " ");
        return settings;
    }

    /** The management port of the WildFly whose HTTP port this is (health, metrics). */
    static int managementPort(int httpPort) {
        if (Integer.toString(httpPort).equals(System.getProperty("pulse.it.wildflyHttpPort"))) {
            return Integer.parseInt(TestEnvironment.property("pulse.it.wildflyManagementPort"));
        }
        Integer port = MANAGEMENT_PORTS.get(httpPort);
        if (port == null) {
            throw new IllegalStateException("no WildFly of this run serves HTTP on port " + httpPort);
        }
        return port;
    }

    private static WildFlyProcess start(String name, Map<String, String> environment, List<String> unset) {
        Path home = Path.of(TestEnvironment.property("pulse.it.wildflyHome"));
        Path base = Path.of("target", "wildfly-" + name).toAbsolutePath();
        int offset = freeOffset();
        int httpPort = 8080 + offset;
        try {
            prepare(home, base);
            Path log = base.resolve("log").resolve("server.log");
            List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("standalone.sh").toString(),
                    "-Djboss.server.base.dir=" + base,
                    "-Djboss.socket.binding.port-offset=" + offset,
                    "-Djboss.tx.node.id=" + name,
                    "-b", "127.0.0.1", "-bmanagement", "127.0.0.1"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(base.resolve("console.log").toFile());
            builder.environment().keySet().removeAll(unset);
            builder.environment().put("JAVA_OPTS", "-Xmx512m " + TestEnvironment.property("pulse.it.wildflyJavaOptions"));
            builder.environment().putAll(environment);
            MANAGEMENT_PORTS.put(httpPort, 9990 + offset);
            return ServerProcess.readyOrStopped(new WildFlyProcess(builder.start(), httpPort, log), WildFlyProcess::awaitReady);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start WildFly " + name, e);
        }
    }

    /** A server directory of its own: the prepared configuration and the WAR, nothing left from a run before. */
    private static void prepare(Path home, Path base) throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> old = Files.walk(base)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Path configuration = home.resolve("standalone").resolve("configuration");
        Files.createDirectories(base.resolve("configuration"));
        try (Stream<Path> files = Files.list(configuration)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("configuration").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // The suite server's deployment (Arquillian deploys through the management API, which records
        // it in standalone.xml) has no content here: this server deploys from its own deployments/.
        Path config = base.resolve("configuration").resolve("standalone.xml");
        Files.writeString(config, Files.readString(config).replaceAll("(?s)<deployments>.*?</deployments>", ""));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(TestEnvironment.property("pulse.war")), base.resolve("deployments").resolve("ROOT.war"));
    }

    /** An offset that moves WildFly's four listening ports (8080, 8443, 9990, 9993) onto free ones. */
    private static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = 1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(20000);
            if (Stream.of(8080, 8443, 9990, 9993).allMatch(port -> free(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset for WildFly");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public URL base() {
        return ServerProcess.localRoot(httpPort);
    }

    private void awaitReady() {
        ServerProcess.awaitReady(process, ServerProcess.management(base(), "health/ready"), "WildFly", log);
    }

    @Override
    public void close() {
        ServerProcess.stop(process);
    }

    @Override
    public String toString() {
        return "WildFly at " + base() + " (log " + log.toAbsolutePath() + ")";
    }
}
