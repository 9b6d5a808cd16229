package dev.isolates.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How often a pool's isolates may end before it stops replacing them: at most {@code maxRestarts}
 * within any {@code period}, as in an Erlang supervisor's restart intensity. A sliding window of
 * the times of the last restarts.
 *
 * <p>Not thread-safe: guarded by its pool's lock.
 */
final class RestartIntensity {
    private final int maxRestarts;
    private final long periodNanos;
    private final Deque<Long> times = new ArrayDeque<>();

    RestartIntensity(int maxRestarts, Duration period) {
        this.maxRestarts = maxRestarts;
        this.periodNanos = period.toNanos();
    }

    /**
     * Counts a restart at {@code nowNanos} (System.nanoTime); false when that makes more than
     * {@code maxRestarts} within the period.
     */
    boolean allows(long nowNanos) {
        times.addLast(nowNanos);
        while (!times.isEmpty() && nowNanos - times.peekFirst() > periodNanos) {
            times.pollFirst();
        }
        return times.size() <= maxRestarts;
    }
}
