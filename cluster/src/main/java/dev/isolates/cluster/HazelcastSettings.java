package dev.isolates.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.time.Duration;
import java.util.List;

/**
 * The Hazelcast settings every member and submitter of this project uses: nothing phones home, no
 * multicast, an explicit TCP/IP member list, logging through SLF4J, and failure detection tuned so a
 * killed member's tasks are noticed within a few seconds.
 */
final class HazelcastSettings {
    static {
        // Read by Hazelcast before any Config exists; the Config property alone is too late for some checks.
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", "slf4j");
    }

    private HazelcastSettings() {
    }

    static Config member(ClusterMemberOptions options) {
        Config config = new Config();
        config.setClusterName(options.clusterName());
        config.setInstanceName("isolates-member-" + options.host() + "-" + options.port());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // ClusterMember's own shutdown hook closes the member in order: stop claiming, drain, then leave.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // Failure detection: a member silent for 4 s is removed (the default is 60 s).
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "4");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "2");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "30");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortAutoIncrement(false);
        network.setPublicAddress(options.host() + ":" + options.port());
        network.getInterfaces().setEnabled(true).addInterface(options.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(options.host() + ":" + options.port());
        for (String address : options.join()) {
            join.getTcpIpConfig().addMember(address);
        }
        return config;
    }

    static ClientConfig client(String clusterName, List<String> members, Duration lostClusterTimeout) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.client.heartbeat.interval", "1000");
        config.setProperty("hazelcast.client.heartbeat.timeout", "4000");
        config.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().setAddresses(List.copyOf(members));
        config.getNetworkConfig().setSmartRouting(true);
        ClientConnectionStrategyConfig strategy = config.getConnectionStrategyConfig();
        strategy.setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON);
        strategy.getConnectionRetryConfig()
                .setInitialBackoffMillis(200)
                .setMaxBackoffMillis(1000)
                .setClusterConnectTimeoutMillis(Math.max(1000, lostClusterTimeout.toMillis()));
        return config;
    }
}
