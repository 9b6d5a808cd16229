package dev.isolates.supervisor;

import dev.isolates.IsolateException;
import dev.isolates.events.RestartIntensityExceededEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * How often a pool's isolates may end before it stops replacing them: at most {@code maxRestarts}
 * within any {@code period}, as in an Erlang supervisor's restart intensity. A sliding window of
 * the times of the last restarts.
 *
 * <p>Not thread-safe: guarded by its pool's lock.
 */
final class RestartIntensity {
    private final int maxRestarts;
    private final Duration period;
    private final long periodNanos;
    private final Deque<Long> times = new ArrayDeque<>();

    RestartIntensity(int maxRestarts, Duration period) {
        this.maxRestarts = maxRestarts;
        this.period = period;
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

    /**
     * The failure of pool {@code pool} once too many ended: the last, {@code last}, for {@code why}
     * ({@code cause}, or null).
     */
    IsolateException exceeded(String pool, String last, String why, IsolateException cause) {
        RestartIntensityExceededEvent event = new RestartIntensityExceededEvent();
        if (event.shouldCommit()) {
            event.pool = pool;
            event.maxRestarts = maxRestarts;
            event.period = period.toMillis();
            event.last = last + ": " + why;
            event.commit();
        }
        return new IsolateException(String.format(Locale.ROOT, "pool \"%s\" stopped restarting isolates: more than "
                + "%d ended within %d ms (maxRestarts(%d, %s)); the last, %s, %s. Fix what makes them end, or allow "
                + "more with IsolatePool.builder().maxRestarts(...)", pool, maxRestarts, period.toMillis(), maxRestarts,
                period, last, why), cause);
    }
}
