package dev.isolates.cli;

import dev.isolates.cluster.ClusterPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code isolatectl json --cluster}: each file's bytes are read here and parsed on a cluster member
 * ({@link JsonBytesTask}); its document comes back as bytes, or only its counts. A task held by a member that dies runs
 * again on another ({@value #RETRIES} times at most), so no file is lost with a member.
 */
final class ClusterJsonParsing implements JsonFileParsing {
    /** Runs of one file again after members that held it died. */
    static final int RETRIES = 3;
    /** How long the command waits for some member when it reaches none, at the start or later. */
    static final Duration NO_MEMBER_TIMEOUT = Duration.ofSeconds(15);

    private final ClusterPool pool;

    private ClusterJsonParsing(ClusterPool pool) {
        this.pool = pool;
    }

    /**
     * Connects to the cluster named {@code clusterName} that {@code addresses} belong to; Hazelcast's
     * own logging is silent unless {@code verbose}: a member lost mid-batch is the command's business.
     *
     * @throws IllegalArgumentException if an address is not {@code HOST:PORT}
     * @throws NoMemberException        if no member answers in time
     */
    static ClusterJsonParsing connect(List<String> addresses, String clusterName, boolean verbose) {
        List<String> members = ClusterAddresses.check("--cluster", addresses);
        HazelcastLogLevel.silent(verbose);
        try {
            return new ClusterJsonParsing(ClusterPool.builder().members(members.toArray(String[]::new)).clusterName(clusterName)
                    .retries(RETRIES).lostClusterTimeout(NO_MEMBER_TIMEOUT)
                    .closeTimeout(NO_MEMBER_TIMEOUT).build());
        } catch (IllegalStateException e) {
            throw new NoMemberException("no cluster member answered at " + String.join(",", members) + " within "
                    + NO_MEMBER_TIMEOUT.toSeconds() + " s: start one with 'isolatectl member --port PORT', or check --cluster");
        }
    }

    @Override
    public CompletableFuture<JsonFileResult> parse(Path file, String name, boolean counted) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return pool.submit(new JsonBytesTask(content, name, counted));
    }

    @Override
    public void close(boolean finished) {
        pool.close();
    }

    /** No member of the cluster answered. */
    static final class NoMemberException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoMemberException(String message) {
            super(message);
        }
    }
}
