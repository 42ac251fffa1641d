package dev.pulse.realtime.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/**
 * The Hazelcast member Pulse starts itself on a server that provides none (WildFly): TCP/IP join on
 * the listed members only, no multicast, no auto-detection, so instances meet exactly whom they are
 * told to. Set by MicroProfile Config:
 * <ul>
 * <li>{@code pulse.cluster.members} ({@code PULSE_CLUSTER_MEMBERS}): comma-separated
 * {@code host:port} of members to join; empty (the default) means no member is started and Pulse
 * runs as a single instance;</li>
 * <li>{@code pulse.cluster.name} ({@code PULSE_CLUSTER_NAME}, default {@code pulse}): only members of
 * the same name join;</li>
 * <li>{@code pulse.cluster.port} ({@code PULSE_CLUSTER_PORT}, default 5701): the first port this
 * member tries; the next free one above it is taken;</li>
 * <li>{@code pulse.cluster.interface} ({@code PULSE_CLUSTER_INTERFACE}): the address to bind,
 * e.g. {@code 127.0.0.1}; empty lets Hazelcast choose.</li>
 * </ul>
 * The same choices Payara Micro's {@code --clustermode tcpip:... --clustername ... --interfaces ...}
 * make for its own member.
 */
record EmbeddedMember(String clusterName, List<String> members, int port, String networkInterface) {

    HazelcastInstance start() {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName("pulse-" + clusterName + "-" + port + "-" + ProcessHandle.current().pid());
        // Members are listed, so nothing is gained by waiting for others to appear; the JVM's
        // shutdown hook is not ours to add (the deployment stops the member).
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true);
        if (!networkInterface.isBlank()) {
            network.getInterfaces().setEnabled(true).addInterface(networkInterface);
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        return Hazelcast.newHazelcastInstance(config);
    }
}
