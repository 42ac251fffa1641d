package dev.pulse.support;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;

/** A private Hazelcast member for unit tests: its own cluster name, no discovery, loopback only. */
public final class EmbeddedHazelcast {

    private EmbeddedHazelcast() {
    }

    /** Starts a member alone in a new cluster named after {@code test}; the caller shuts it down. */
    public static HazelcastInstance start(String test) {
        Config config = new Config();
        config.setClusterName(test + "-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        return Hazelcast.newHazelcastInstance(config);
    }
}
