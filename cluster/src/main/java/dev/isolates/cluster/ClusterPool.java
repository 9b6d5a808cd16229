package dev.isolates.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import dev.isolates.IsolateCallable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pool's shape over a cluster of {@link ClusterMember}s: tasks go to the cluster's queue, and
 * members with a free isolate claim them. Task and result travel as the project's Kryo bytes; a
 * {@code TransferableBuffer} or {@code JsonDocument} result crosses the network once, as bytes, and
 * arrives as the same type. Task classes must be on every member's classpath.
 *
 * <pre>{@code
 * try (ClusterPool pool = ClusterPool.builder().members("10.0.0.1:5701", "10.0.0.2:5701").retries(2).build()) {
 *     CompletableFuture<Integer> answer = pool.submit(() -> 6 * 7);
 *     System.out.println(answer.get(30, TimeUnit.SECONDS));
 * }
 * }</pre>
 *
 * <p>Every submitted task ends in exactly one outcome: its value, its exception, a
 * {@link MissingTaskClassException}, a {@link MemberLostException} (its member left and no retry was
 * left: at-most-once) or a {@link ClusterUnreachableException}. With {@code retries(n)} a lost member's
 * tasks run again elsewhere (at-least-once).
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class ClusterPool implements AutoCloseable {
    /** The cluster name members and pools use unless told otherwise. */
    public static final String DEFAULT_CLUSTER_NAME = "isolates";

    private final TaskSubmitter submitter;
    private final Duration closeTimeout;

    private ClusterPool(TaskSubmitter submitter, Duration closeTimeout) {
        this.submitter = submitter;
        this.closeTimeout = closeTimeout;
    }

    /** A builder: give it {@link Builder#members(String...)} or {@link Builder#hazelcast(HazelcastInstance)}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code task} to the cluster. The pool keeps the task's bytes until it ends, to run it again
     * elsewhere if its member is lost.
     *
     * @return completes with the task's value or one of the exceptions the class javadoc lists
     * @throws IllegalStateException if the pool is closed
     */
    public <T> CompletableFuture<T> submit(IsolateCallable<T> task) {
        return submitter.submit(task);
    }

    /**
     * Sends every task; they travel to the cluster's queue in batches.
     *
     * @return one future per task, in the same order
     */
    public <T> List<CompletableFuture<T>> submitAll(List<? extends IsolateCallable<T>> tasks) {
        List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
        for (IsolateCallable<T> task : tasks) {
            futures.add(submitter.submit(task));
        }
        return futures;
    }

    /** Tasks waiting in the cluster's queue, and each member's last report. */
    public ClusterStats stats() {
        return submitter.stats();
    }

    /**
     * Takes no more tasks, waits until every submitted one has ended (at most the builder's
     * {@link Builder#closeTimeout(Duration) close timeout}; the rest fail with
     * {@link ClusterUnreachableException}), then disconnects, shutting the Hazelcast client down if
     * the builder made it.
     */
    @Override
    public void close() {
        submitter.close(closeTimeout);
    }

    /** For tests' failure messages: pending tasks and where the held ones are. */
    String describe() {
        return submitter.describe();
    }

    /** Builds a {@link ClusterPool}; checks each value as it is set. Not thread-safe. */
    public static final class Builder {
        private List<String> members = List.of();
        private HazelcastInstance hazelcast;
        private String clusterName = DEFAULT_CLUSTER_NAME;
        private int retries;
        private Duration lostClusterTimeout = Duration.ofSeconds(30);
        private Duration closeTimeout = Duration.ofMinutes(5);

        private Builder() {
        }

        /** Connects as a Hazelcast client to these members, {@code host:port} each. */
        public Builder members(String... addresses) {
            if (addresses.length == 0) {
                throw new IllegalArgumentException("members needs at least one host:port address");
            }
            this.members = List.of(addresses);
            return this;
        }

        /** Uses an existing member or client instead; the pool does not shut it down. */
        public Builder hazelcast(HazelcastInstance instance) {
            this.hazelcast = instance;
            return this;
        }

        /** The cluster's name, {@value #DEFAULT_CLUSTER_NAME} by default; ignored with {@link #hazelcast}. */
        public Builder clusterName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("clusterName must not be blank");
            }
            this.clusterName = name;
            return this;
        }

        /** How many times a task held by a member that left runs again elsewhere; 0 (the default) fails it. */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be at least 0, was " + retries);
            }
            this.retries = retries;
            return this;
        }

        /** How long the pool waits for some member when it reaches none, before failing its pending tasks. */
        public Builder lostClusterTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lostClusterTimeout must be positive, was " + timeout);
            }
            this.lostClusterTimeout = timeout;
            return this;
        }

        /** How long {@link ClusterPool#close()} waits for pending tasks; 5 minutes by default. */
        public Builder closeTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative, was " + timeout);
            }
            this.closeTimeout = timeout;
            return this;
        }

        /** Connects and returns the pool. */
        public ClusterPool build() {
            if (hazelcast != null) {
                return new ClusterPool(new TaskSubmitter(hazelcast, false, retries, lostClusterTimeout), closeTimeout);
            }
            if (members.isEmpty()) {
                throw new IllegalStateException("give the builder members(...) or hazelcast(...)");
            }
            HazelcastInstance client = HazelcastClient.newHazelcastClient(
                    HazelcastSettings.client(clusterName, members, lostClusterTimeout));
            return new ClusterPool(new TaskSubmitter(client, true, retries, lostClusterTimeout), closeTimeout);
        }
    }
}
