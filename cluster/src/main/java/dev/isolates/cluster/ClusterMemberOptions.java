package dev.isolates.cluster;

import dev.isolates.IsolateOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link ClusterMember} joins and runs tasks. Immutable; build with {@link #builder()}.
 *
 * @param host the address the member binds to and announces (only this interface; 127.0.0.1 by default)
 * @param port the member's TCP port (5701 by default); it must be free
 * @param join the other members' {@code host:port} addresses (TCP/IP join, no multicast); empty for the first
 * @param clusterName the Hazelcast cluster name; members and pools must use the same
 * @param workers isolates in the member's local pool, so tasks it runs at once
 * @param classpath where the member and its isolates load task classes from, besides their own classpath
 * @param isolateOptions options of the member's isolates (heap, JVM flags, ...)
 * @param taskTimeout how long one task may run in an isolate before it is killed; null for no limit
 * @param drainTimeout how long {@link ClusterMember#close()} waits for held tasks before handing them back
 */
public record ClusterMemberOptions(String host, int port, List<String> join, String clusterName, int workers,
                                   List<Path> classpath, IsolateOptions isolateOptions, Duration taskTimeout,
                                   Duration drainTimeout) {
    /** Checks every value. */
    public ClusterMemberOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address such as 127.0.0.1, was " + host);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("clusterName must not be blank");
        }
        join = List.copyOf(join);
        classpath = List.copyOf(classpath);
        if (isolateOptions == null || drainTimeout == null || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("isolateOptions and a non-negative drainTimeout are required");
        }
    }

    /** A builder with the defaults: 127.0.0.1:5701, no join list, cluster "isolates", 2 workers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ClusterMemberOptions}. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 5701;
        private List<String> join = List.of();
        private String clusterName = ClusterPool.DEFAULT_CLUSTER_NAME;
        private int workers = 2;
        private List<Path> classpath = List.of();
        private IsolateOptions isolateOptions = IsolateOptions.defaults();
        private Duration taskTimeout;
        private Duration drainTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The address to bind to and announce. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The member's TCP port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The other members, as {@code host:port}. */
        public Builder join(List<String> addresses) {
            this.join = addresses;
            return this;
        }

        /** The cluster's name. */
        public Builder clusterName(String name) {
            this.clusterName = name;
            return this;
        }

        /** Isolates in the local pool. */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Extra classpath entries for task classes. */
        public Builder classpath(List<Path> entries) {
            this.classpath = entries;
            return this;
        }

        /** Options of the member's isolates. */
        public Builder isolateOptions(IsolateOptions options) {
            this.isolateOptions = options;
            return this;
        }

        /** The longest a task may run; null for no limit. */
        public Builder taskTimeout(Duration timeout) {
            this.taskTimeout = timeout;
            return this;
        }

        /** How long closing waits for held tasks before handing them back. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = timeout;
            return this;
        }

        /** The options; checks every value. */
        public ClusterMemberOptions build() {
            return new ClusterMemberOptions(host, port, join, clusterName, workers, classpath, isolateOptions,
                    taskTimeout, drainTimeout);
        }
    }
}
